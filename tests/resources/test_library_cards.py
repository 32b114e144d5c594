"""Library cards are rendered once per distinct content and shared between members
(core.fragments); the query still decides what is listed, so nothing hidden, archived or
unpublished comes back from the cache, and an edit shows at once."""

import pytest
from django.db.models import F
from django.test import Client

from resources import services
from resources.models import Resource
from resources.views import library_cards
from taxonomy.models import Country
from tests.factories import UserFactory

from .factories import make_resource, resource_data

pytestmark = pytest.mark.django_db


def library_as(user, query="") -> str:
    client = Client()
    client.force_login(user)
    return client.get(f"/resources/{query}").content.decode()


def test_a_second_member_gets_the_same_cards_from_the_cache():
    make_resource(title="Shelter intake guide")
    first, second = UserFactory(), UserFactory()
    assert "Shelter intake guide" in library_as(first, "?sort=title")
    assert "Shelter intake guide" in library_as(second, "?sort=title")


def test_an_archived_resource_never_comes_back_from_a_kept_card(moderator):
    resource = make_resource(title="Soon archived toolkit")
    viewer = UserFactory()
    assert "Soon archived toolkit" in library_as(viewer, "?sort=title")
    services.resource_archive(actor=moderator, resource=resource, reason="outdated")
    assert "Soon archived toolkit" not in library_as(viewer, "?sort=title")


def test_a_draft_is_listed_for_no_one_though_its_card_could_be_rendered(expert):
    draft = make_resource(author=expert, title="Unpublished draft", submit=False)
    published = make_resource(title="Published toolkit")
    # Even with the draft's card rendered into the cache, the library's query leaves it out.
    library_cards(list(Resource.objects.filter(pk__in=[draft.pk, published.pk])))
    for viewer in (UserFactory(), expert):
        page = library_as(viewer, "?sort=title")
        assert "Published toolkit" in page and "Unpublished draft" not in page


def test_an_edit_shows_at_once(expert):
    resource = make_resource(author=expert, title="First title")
    viewer = UserFactory()
    assert "First title" in library_as(viewer, "?sort=title")
    services.resource_update(
        actor=expert,
        resource=resource,
        data=resource_data(title="Second title", countries=list(Country.objects.filter(slug="tj"))),
    )
    page = library_as(viewer, "?sort=title")
    assert "Second title" in page and "First title" not in page
    assert '<span class="tag">Tajikistan</span>' in page


def test_a_new_download_count_shows_at_once():
    resource = make_resource(title="Counted toolkit")
    viewer = UserFactory()
    assert "0 downloads" in library_as(viewer, "?sort=title")
    Resource.objects.filter(pk=resource.pk).update(download_count=F("download_count") + 3)
    assert "3 downloads" in library_as(viewer, "?sort=title")


def test_cards_follow_the_interface_language():
    make_resource(title="Counted toolkit")
    viewer = UserFactory()
    assert "0 downloads" in library_as(viewer, "?sort=title")
    client = Client()
    client.force_login(viewer)
    client.cookies["django_language"] = "ru"
    page = client.get("/resources/?sort=title", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "0 downloads" not in page and "Counted toolkit" in page


def facet_count(page: str, facet: str, value: str) -> str:
    label = page.split(f'id="facet-{facet}-{value}"')[1]
    return label.split('class="facet__count">(')[1].split(")")[0]


def test_the_kept_facets_follow_a_new_resource_and_the_visitors_choices():
    make_resource(title="One")
    viewer = UserFactory()
    assert facet_count(library_as(viewer), "country", "kz") == "1"
    make_resource(title="Two")
    assert facet_count(library_as(viewer), "country", "kz") == "2"
    page = library_as(viewer, "?has_files=no&year_min=2020")
    assert 'id="facet-has_files-any" checked' not in page
    assert 'value="2020"' in page
    page = library_as(viewer, "?year_min=%22%3E%3Cscript%3E")
    assert "<script>" not in page.split('id="facets"')[1]
