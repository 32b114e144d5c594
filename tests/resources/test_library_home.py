"""The library's landing (no filter chosen) and the resource page's related resources and
forum backlinks."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import Role
from resources.models import Resource
from taxonomy.models import ResourceType, Theme
from tests.factories import UserFactory

from .factories import make_resource, terms

pytestmark = pytest.mark.django_db

HOME_QUERIES = 11  # with the "Translated into" facet
# With translated files (shown, and the reader's waiting for review), the reader's languages and
# their open translation requests.
RELATED_DETAIL_QUERIES = 19


@pytest.fixture
def steady_sessions(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"


def _external(**overrides):
    return make_resource(uploads=[], external_url="https://example.org/r", **overrides)


def test_the_landing_shows_newest_most_downloaded_and_browsing_by_type_and_theme(member_client):
    old = _external(title="Old guide")
    _external(title="Fresh guide")
    Resource.objects.filter(pk=old.pk).update(download_count=7)
    page = member_client.get("/resources/")
    text = page.text
    assert page.context["home"]["newest"][0].title == "Fresh guide"
    assert [r.title for r in page.context["home"]["most_used"]] == ["Old guide"]
    assert "Browse by type" in text and "Browse by theme" in text
    assert '?type=toolkit">' in text and "(2)" in text
    assert "?theme=domestic-ipv" in text


def test_a_filtered_library_has_no_landing(member_client):
    _external(title="Guide")
    for query in ("?country=kz", "?q=guide", "?sort=title"):
        assert member_client.get(f"/resources/{query}").context["home"] is None


def test_the_landing_names_what_is_new_on_the_members_themes_since_the_last_visit(client):
    reader = UserFactory(role=Role.MEMBER)
    reader.expertise.set(terms(Theme, "domestic-ipv"))
    reader.last_visit_at = timezone.now() - datetime.timedelta(days=2)
    reader.save(update_fields=["last_visit_at"])
    old = _external(title="Before the visit")
    Resource.objects.filter(pk=old.pk).update(published_at=timezone.now() - datetime.timedelta(days=5))
    _external(title="On my theme")
    _external(title="Other theme", themes=terms(Theme, "essential-services"))
    client.force_login(reader)
    page = client.get("/resources/")
    assert [r.title for r in page.context["home"]["on_my_themes"]] == ["On my theme"]
    assert "New on your themes since your last visit" in page.text


def test_without_themes_in_the_profile_the_new_on_my_themes_part_is_left_out(member_client):
    _external(title="Anything")
    page = member_client.get("/resources/")
    assert page.context["home"]["on_my_themes"] == []
    assert "New on your themes" not in page.text


def test_drafts_and_resources_in_review_never_appear_on_the_landing(member_client, other_member):
    make_resource(author=other_member, title="Draft of someone", submit=False)
    make_resource(author=other_member, title="Waiting", uploads=[], external_url="https://e.org")
    page = member_client.get("/resources/")
    assert "Draft of someone" not in page.text and "Waiting" not in page.text


@pytest.mark.parametrize("count", [3, 30])
def test_the_landing_costs_a_constant_number_of_queries(client, steady_sessions, count, django_assert_num_queries):
    expert = UserFactory(role=Role.EXPERT)
    for index in range(count):
        _external(author=expert, title=f"Resource {index}")
    reader = UserFactory()
    reader.expertise.set(terms(Theme, "domestic-ipv"))
    client.force_login(reader)
    client.get("/resources/")  # the first request of a session records it
    with django_assert_num_queries(HOME_QUERIES):
        response = client.get("/resources/")
    assert response.status_code == 200
    assert response.context["home"]["newest"]


def test_related_resources_share_a_type_and_a_theme_and_exclude_the_resource_itself(member_client, other_member):
    resource = _external(title="Safety planning")
    _external(title="Same type and theme")
    _external(title="Same type, other theme", themes=terms(Theme, "essential-services"))
    _external(title="Other type, same theme", types=terms(ResourceType, "research"))
    make_resource(author=other_member, title="Unpublished twin", submit=False, uploads=[], external_url="https://e.org")
    related = member_client.get(resource.get_absolute_url(), follow=True).context["related"]
    assert [r.title for r in related] == ["Same type and theme"]


def test_at_most_five_related_resources_most_themes_in_common_first(member_client):
    both = terms(Theme, "domestic-ipv", "essential-services")
    resource = _external(title="Main", themes=both)
    for index in range(6):
        _external(title=f"One theme {index}")
    _external(title="Two themes", themes=both)
    related = member_client.get(resource.get_absolute_url(), follow=True).context["related"]
    assert len(related) == 5
    assert related[0].title == "Two themes"


@pytest.mark.parametrize("count", [1, 6])
def test_the_resource_page_with_related_items_costs_a_constant_number_of_queries(
    client, steady_sessions, count, django_assert_num_queries
):
    expert = UserFactory(role=Role.EXPERT)
    resource = _external(author=expert, title="Main")
    for index in range(count):
        _external(author=expert, title=f"Related {index}")
    client.force_login(UserFactory())
    client.get("/resources/")
    with django_assert_num_queries(RELATED_DETAIL_QUERIES):
        response = client.get(resource.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["related"]) == min(count, 5)


def test_threads_linking_to_the_resource_are_listed_under_discussed_in_the_forum(member_client, member):
    from forum import services as forum

    resource = _external(title="Toolkit")
    other = _external(title="Other toolkit")
    forum.thread_create(
        author=member, category=None, title="Using the toolkit", body=f"See http://hub/resources/{resource.pk}/ please"
    )
    forum.thread_create(author=member, category=None, title="Unrelated", body=f"See /resources/{other.pk}/")
    forum.thread_create(author=member, category=None, title="Near miss", body=f"See /resources/{resource.pk}0/")
    page = member_client.get(resource.get_absolute_url(), follow=True)
    assert "Discussed in the forum" in page.text
    [(source, links)] = page.context["backlinks"]
    assert [title for title, url in links] == ["Using the toolkit"]


def test_hidden_threads_are_not_listed_as_backlinks(member_client, member):
    from forum import services as forum
    from forum.models import Thread

    resource = _external(title="Toolkit")
    thread = forum.thread_create(author=member, category=None, title="Hidden one", body=f"/resources/{resource.pk}/")
    Thread.objects.filter(pk=thread.pk).update(is_hidden=True)
    page = member_client.get(resource.get_absolute_url(), follow=True)
    assert page.context["backlinks"] == []
    assert "Hidden one" not in page.text
