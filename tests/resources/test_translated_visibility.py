"""A translated file follows its original's visibility: when the original leaves the library
(archived, hidden by a moderator, unpublished or deleted) its translated files leave every
surface with it for whoever no longer sees the original, and come back with it."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from resources import selectors, services
from resources.filters import ResourceFilter
from resources.models import FileVersion, Resource, State
from search.selectors import search
from taxonomy.models import Country
from tests.factories import UserFactory
from tests.translations.helpers import speaker
from tests.translations.test_translated_files import KYRGYZ_TITLE, upload_translation

from .factories import make_resource, pdf_upload

pytestmark = pytest.mark.django_db

KYRGYZ_WORD = "Коопсуздук"


@pytest.fixture
def original():
    """A published Russian toolkit tagged Kazakhstan (the factories' defaults)."""
    return make_resource()


@pytest.fixture
def translator():
    return speaker("ky", role=Role.EXPERT)


@pytest.fixture
def copy(original, translator):
    copy = upload_translation(original, translator)
    assert copy.state == State.PUBLISHED
    return copy


def archive(resource):
    return services.resource_archive(actor=UserFactory(role=Role.MODERATOR), resource=resource, reason="Outdated")


def restore(resource):
    return services.resource_restore(actor=UserFactory(role=Role.MODERATOR), resource=resource)


def scoped_moderator(slug):
    moderator = UserFactory(role=Role.MODERATOR)
    moderator.moderated_countries.set([Country.objects.get(slug=slug)])
    return moderator


def sees(user, resource) -> bool:
    return Resource.objects.visible_to(user).filter(pk=resource.pk).exists()


# The one rule


def test_a_translated_file_leaves_with_its_archived_original_and_comes_back_with_it(original, copy, member):
    assert sees(member, copy)
    archive(original)
    assert not sees(member, copy)
    assert copy not in selectors.library(member)
    restore(original)
    assert sees(member, copy)
    assert copy in selectors.library(member)


def test_the_translator_no_longer_sees_their_own_translated_file(original, copy, translator):
    archive(original)
    assert not sees(translator, copy)


def test_moderators_keep_what_they_see_of_the_original(original, copy):
    archive(original)
    assert sees(UserFactory(role=Role.MODERATOR), copy)  # every country
    assert sees(scoped_moderator("kz"), copy)  # the original is tagged Kazakhstan
    assert not sees(scoped_moderator("kg"), copy)


def test_a_translated_file_of_an_original_sent_back_for_changes_is_out_of_sight(original, copy, member):
    Resource.objects.filter(pk=original.pk).update(state=State.IN_REVIEW)
    assert not sees(member, copy)
    Resource.objects.filter(pk=original.pk).update(state=State.PUBLISHED)
    assert sees(member, copy)


def test_a_translated_file_of_a_deleted_original_stays_out_of_sight(original, copy, member):
    original.delete()
    assert not sees(member, copy)
    assert not sees(scoped_moderator("kz"), copy)
    # Moderators of every country still see it, and can remove it.
    assert sees(UserFactory(role=Role.MODERATOR), copy)


def test_a_file_translated_from_a_translated_file_follows_the_first_original(original, copy, member):
    english = upload_translation(
        copy,
        speaker("en", role=Role.EXPERT),
        language="en",
        title="Safety plan guide",
        summary="A step-by-step guide for crisis centres.",
        file=pdf_upload("english.pdf", title="Safety plan"),
    )
    assert sees(member, english)
    archive(original)
    assert not sees(member, english)
    assert english not in selectors.library(member)
    assert sees(scoped_moderator("kz"), english)
    restore(original)
    assert sees(member, english)


def test_other_resources_and_untranslated_ones_are_untouched(original, copy, member):
    other = make_resource(title="Referral pathway")
    archive(original)
    assert sees(member, other)
    assert set(selectors.library(member)) == {other}


# Each surface


def test_the_library_list_drops_and_brings_back_the_translated_file(original, copy, member_client):
    assert KYRGYZ_TITLE in member_client.get(reverse("resources:list")).text
    archive(original)
    assert KYRGYZ_TITLE not in member_client.get(reverse("resources:list")).text
    restore(original)
    assert KYRGYZ_TITLE in member_client.get(reverse("resources:list")).text


def test_the_translated_files_page_is_not_found(original, copy, member_client):
    assert member_client.get(copy.get_absolute_url(), follow=True).status_code == 200
    archive(original)
    assert member_client.get(copy.get_absolute_url()).status_code == 404
    restore(original)
    assert member_client.get(copy.get_absolute_url(), follow=True).status_code == 200


def test_the_translated_files_download_is_not_found(original, copy, member_client):
    version = FileVersion.objects.get(file__resource=copy)  # downloads are addressed by version
    url = reverse("resources:download", args=[version.pk])
    assert member_client.get(url).status_code == 200
    archive(original)
    assert member_client.get(url).status_code == 404


def test_the_translated_files_preview_is_not_found(original, copy, member_client):
    version = FileVersion.objects.get(file__resource=copy)
    url = reverse("resources:preview", args=[copy.pk, version.pk])
    assert member_client.get(url).status_code == 200
    archive(original)
    assert member_client.get(url).status_code == 404
    assert member_client.get(f"{url}page/1.png").status_code == 404


def found(user, query):
    return [result.document.url for result in search(user, query).results]


def test_search_stops_finding_the_translated_file(original, copy, member):
    assert copy.get_absolute_url() in found(member, KYRGYZ_WORD)
    archive(original)
    assert copy.get_absolute_url() not in found(member, KYRGYZ_WORD)
    assert copy.get_absolute_url() in found(scoped_moderator("kz"), KYRGYZ_WORD)
    restore(original)
    assert copy.get_absolute_url() in found(member, KYRGYZ_WORD)


def test_search_stops_finding_the_translated_file_of_a_deleted_original(original, copy, member):
    original.delete()
    assert copy.get_absolute_url() not in found(member, KYRGYZ_WORD)


def test_available_in_lists_the_translated_file_only_while_its_original_is_visible(
    original, copy, member_client, expert
):
    # An English edition linked by hand to the Kyrgyz file lists it under "Available in".
    english = make_resource(title="Safety planning guide, English edition", author=expert)
    english.translations.add(copy)
    assert KYRGYZ_TITLE in member_client.get(english.get_absolute_url(), follow=True).text
    archive(original)
    page = member_client.get(english.get_absolute_url(), follow=True).text
    assert KYRGYZ_TITLE not in page
    assert copy.get_absolute_url() not in page


def language_counts(user):
    filterset = ResourceFilter(QueryDict(""), queryset=selectors.library(user))
    return {facet.name: {v.value: v.count for v in facet.values} for facet in filterset.facets()}["language"]


def test_facet_counts_follow(original, copy, member):
    assert language_counts(member)["ky"] == 1
    archive(original)
    assert language_counts(member)["ky"] == 0
    restore(original)
    assert language_counts(member)["ky"] == 1


def test_cached_facets_are_not_shared_with_moderators(original, copy, member, member_client):
    from resources.permissions import sees_the_whole_library

    assert sees_the_whole_library(member)
    assert not sees_the_whole_library(UserFactory(role=Role.MODERATOR))
    archive(original)
    # The page's (cached) facets no longer count the Kyrgyz file.
    page = member_client.get(reverse("resources:list")).text
    assert KYRGYZ_TITLE not in page


def test_notifications_about_it_reach_only_those_who_see_it(original, copy, member):
    moderator = UserFactory(role=Role.MODERATOR)
    assert set(selectors.members_who_see(copy, [member.pk, moderator.pk])) == {member.pk, moderator.pk}
    archive(original)
    assert selectors.members_who_see(copy, [member.pk, moderator.pk]) == [moderator.pk]


def _library_queries(client) -> int:
    client.get(reverse("resources:list") + "?sort=title")  # the facets, cached for every member
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("resources:list") + "?sort=title").status_code == 200
    return len(queries)


def test_the_library_list_costs_the_same_queries_for_one_or_many_hidden_translated_files(member_client):
    def hidden_translation(index):
        original = make_resource(title=f"Toolkit {index}")
        upload_translation(
            original,
            speaker("ky", role=Role.EXPERT),
            title=f"{KYRGYZ_TITLE} {index}",
            file=pdf_upload(f"kyrgyz-{index}.pdf", title=f"Коопсуздук {index}"),
        )
        archive(original)

    hidden_translation(0)
    make_resource(title="Referral pathway")
    member_client.get(reverse("resources:list"))  # the session's first request records it
    one = _library_queries(member_client)
    for index in range(1, 4):
        hidden_translation(index)
    assert _library_queries(member_client) == one
    assert KYRGYZ_TITLE not in member_client.get(reverse("resources:list") + "?sort=title").text
