"""The matches per kind are kept per member and query, so paging and switching tabs do not
count again; any write to the index counts again at once, and one member's counts are never
another's."""

import pytest
from django.utils import timezone

from forum.models import Category
from search import selectors, services
from search.models import Document

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_category():
    return Category.objects.create(slug="kept-open", name_en="Open", name_ru="Открытая")


def post(category, body, *, object_id, public=True):
    return services.document_upsert(
        kind=Document.Kind.POST,
        object_id=object_id,
        title="Thread",
        body=body,
        url=f"/forum/t/{object_id}/",
        category_id=category.pk,
        thread_id=object_id,
        is_public=public,
        created_at=timezone.now(),
    )


def post_count(user, query="referral") -> int:
    return selectors.search(user, query).counts.get(Document.Kind.POST, 0)


def test_a_second_search_does_not_count_again(member, open_category, django_assert_num_queries):
    post(open_category, "Shelter referral", object_id=1)
    assert post_count(member) == 1
    with django_assert_num_queries(2):  # the page of matches and its documents
        selectors.search(member, "referral")


def test_a_new_or_hidden_match_is_counted_at_once(member, open_category):
    post(open_category, "Shelter referral", object_id=1)
    assert post_count(member) == 1
    post(open_category, "Another referral", object_id=2)
    assert post_count(member) == 2
    post(open_category, "Another referral", object_id=2, public=False)
    assert post_count(member) == 1
    services.document_remove(kind=Document.Kind.POST, object_id=1)
    assert post_count(member) == 0


def test_counts_are_kept_for_one_member_only(member, moderator, open_category):
    restricted = Category.objects.create(
        slug="kept-mods", name_en="Mods", name_ru="Мод", access=Category.Access.MODERATORS
    )
    post(open_category, "Shelter referral", object_id=1)
    post(restricted, "Confidential referral", object_id=2)
    assert post_count(moderator) == 2
    assert post_count(member) == 1


def test_a_kept_result_row_changes_with_its_document_and_never_outlives_it(member_client, open_category):
    post(open_category, "Shelter referral in Osh", object_id=1)
    results = member_client.post("/search/", {"q": "referral"})["Location"]
    assert "Shelter referral in Osh" in member_client.get(results).content.decode().replace("<mark>", "").replace(
        "</mark>", ""
    )
    post(open_category, "Shelter referral in Naryn", object_id=1)
    page = member_client.get(results).content.decode().replace("<mark>", "").replace("</mark>", "")
    assert "Naryn" in page and "Osh" not in page
    post(open_category, "Shelter referral in Naryn", object_id=1, public=False)
    assert "Naryn" not in member_client.get(results).content.decode()
