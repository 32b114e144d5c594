"""Search on whichever database the suite runs on (SQLite FTS5 or PostgreSQL tsvector):
the same expectations hold on both."""

from datetime import timedelta

import pytest
from django.utils import timezone

from chat.models import Room
from forum.models import Category
from search import selectors, services
from search.models import Document
from search.text import snippet
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
Kind = Document.Kind


@pytest.fixture
def open_category():
    return Category.objects.create(slug="search-open", name_en="Open", name_ru="Открытая")


def post(category, body, *, object_id=1, title="Thread", public=True, **extra):
    return services.document_upsert(
        kind=Kind.POST,
        object_id=object_id,
        title=title,
        body=body,
        url=f"/forum/t/{object_id}/x/",
        category_id=category.pk,
        thread_id=object_id,
        is_public=public,
        created_at=timezone.now(),
        **extra,
    )


def found(user, query, **kwargs):
    return [r.document.object_id for r in selectors.search(user, query, **kwargs).results]


def test_a_russian_query_finds_inflected_forms(member, open_category):
    post(open_category, "Кризисные центры помогают пострадавшим от домашнего насилия.")
    assert found(member, "насилие") == [1]
    assert found(member, "кризисный центр") == [1]


def test_an_english_query_finds_other_word_forms(member, open_category):
    post(open_category, "Shelters for survivors in rural districts")
    assert found(member, "shelter survivor") == [1]


def test_every_word_must_match(member, open_category):
    post(open_category, "Protection orders in Osh", object_id=1)
    post(open_category, "Protection of migrants", object_id=2)
    assert found(member, "protection orders") == [1]


def test_nothing_from_a_category_the_member_cannot_open(member, moderator):
    restricted = Category.objects.create(slug="mods", name_en="Mods", name_ru="Мод", access=Category.Access.MODERATORS)
    post(restricted, "Confidential coordination notes")
    assert found(member, "confidential") == []
    assert found(moderator, "confidential") == [1]


def test_nothing_hidden_or_deleted_even_for_moderators(moderator, open_category):
    post(open_category, "Removed identifying details", public=False)
    assert found(moderator, "identifying") == []


def test_nothing_from_an_unpublished_resource(member):
    services.document_upsert(
        kind=Kind.RESOURCE,
        object_id=5,
        title="Draft toolkit",
        body="draft",
        url="/resources/5/x/",
        is_public=False,
        created_at=timezone.now(),
    )
    assert found(member, "toolkit") == []


def test_no_message_from_a_room_the_member_is_not_in(member):
    private = Room.objects.create(kind=Room.Kind.PRIVATE, slug="secret-room", name="Secret")
    services.document_upsert(
        kind=Kind.MESSAGE,
        object_id=9,
        title="Secret",
        body="meeting in the usual place",
        url="/chat/secret-room/",
        room_id=private.pk,
        created_at=timezone.now(),
    )
    assert found(member, "meeting") == []


def test_a_message_in_an_open_room_is_found(member):
    room = Room.objects.create(kind=Room.Kind.OPEN, slug="open-room", name="Open")
    services.document_upsert(
        kind=Kind.MESSAGE,
        object_id=9,
        title="Open",
        body="Встреча в Бишкеке",
        url="/chat/open-room/",
        room_id=room.pk,
        created_at=timezone.now(),
    )
    assert found(member, "встреча") == [9]


def test_editing_updates_and_removing_forgets(member, open_category):
    post(open_category, "first wording")
    post(open_category, "second wording")
    assert found(member, "first") == []
    assert found(member, "second") == [1]
    services.document_remove(kind=Kind.POST, object_id=1)
    assert found(member, "second") == []


def test_results_are_counted_and_filtered_by_kind(member, open_category):
    post(open_category, "gender data", object_id=1)
    services.document_upsert(
        kind=Kind.RESOURCE,
        object_id=2,
        title="Gender data toolkit",
        body="",
        url="/resources/2/x/",
        created_at=timezone.now(),
    )
    results = selectors.search(member, "gender")
    assert results.counts == {"post": 1, "resource": 1}
    assert found(member, "gender", kind="resource") == [2]


def test_a_title_match_ranks_above_a_passing_mention(member, open_category):
    post(open_category, "a long text that mentions femicide once among many other words", object_id=1, title="Budget")
    post(open_category, "statistics", object_id=2, title="Femicide data")
    assert found(member, "femicide")[0] == 2


def test_newer_content_ranks_above_equally_relevant_older_content(member, open_category):
    post(open_category, "helpline", object_id=1)
    Document.objects.filter(object_id=1).update(created_at=timezone.now() - timedelta(days=900))
    post(open_category, "helpline", object_id=2)
    assert found(member, "helpline") == [2, 1]


def test_results_page_with_a_cursor(member, open_category):
    for i in range(1, 26):
        post(open_category, "tajikistan helpline", object_id=i)
    first = selectors.search(member, "helpline", size=10)
    second = selectors.search(member, "helpline", size=10, cursor=first.page.next_cursor)
    first_ids = {r.document.object_id for r in first.results}
    second_ids = {r.document.object_id for r in second.results}
    assert len(first_ids) == len(second_ids) == 10 and not (first_ids & second_ids)


HOSTILE_QUERIES = [
    '"',
    "'",
    "*",
    "-",
    ":",
    "NEAR",
    "NEAR(",
    "(((",
    ")",
    '"unbalanced',
    "a:b",
    "-насилие",
    "OR",
    "AND NOT",
    "x" * 5000,
    "   ",
    "<script>alert(1)</script>",
    "%",
    "_",
    "\\",
    "насилие'; DROP TABLE search_document; --",
    "violence NEAR/3 data",
    "\x00",
    "🙂",
    "خشونت",
    "зорлук-зомбулук",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_never_fail(member_client, query):
    response = member_client.get("/search/", {"q": query}, follow=True)
    assert response.status_code == 200


def test_an_empty_query_asks_for_a_word(member_client):
    body = member_client.get("/search/", {"q": "  * "}, follow=True).content.decode()
    assert "Please type at least one word" in body


def test_snippets_highlight_matches_and_escape_markup():
    html = snippet("Avoid <script>alert(1)</script> and read about violence prevention", ["violenc"])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>violence</mark>" in html


def test_a_content_warning_collapses_the_snippet(member_client, open_category):
    post(open_category, "graphic description of an assault", content_warning="Sexual violence")
    body = member_client.get("/search/", {"q": "assault"}, follow=True).content.decode()
    assert '<details class="content-warning">' in body


def test_the_search_page_costs_the_same_queries_for_few_and_many_results(
    member_client, open_category, django_assert_num_queries
):
    for i in range(1, 4):
        post(open_category, "regional exchange", object_id=i)
    results = member_client.post("/search/", {"q": "exchange"})["Location"]
    member_client.get(results)
    with django_assert_num_queries(QUERIES):
        member_client.get(results)
    for i in range(4, 40):
        post(open_category, "regional exchange", object_id=i)
    member_client.get(results)  # the new posts made the kept counts stale: counted once again
    with django_assert_num_queries(QUERIES):
        assert member_client.get(results).status_code == 200


# user, one page of matches, its documents, the notification bell, and for the page in the
# reader's language the threads' opening posts and their translations; the matches per kind
# come from the cache after the first request (any write to the index counts again).
QUERIES = 6


def test_members_of_other_countries_do_not_find_country_only_threads(open_category):
    from taxonomy.models import Country

    kazakh = UserFactory(country=Country.objects.get(slug="kz"))
    uzbek = UserFactory(country=Country.objects.get(slug="uz"))
    kz_only = Category.objects.create(slug="kz-only", name_en="KZ", name_ru="КЗ", access=Category.Access.COUNTRIES)
    kz_only.allowed_countries.add(Country.objects.get(slug="kz"))
    post(kz_only, "national referral mechanism")
    assert found(kazakh, "referral") == [1]
    assert found(uzbek, "referral") == []


def test_the_library_free_text_filter_uses_the_search_engine(member_client):
    from tests.resources.factories import make_resource

    make_resource(title="Руководство для кризисных центров", summary="Стандарты работы")
    make_resource(title="Youth campaign kit", summary="Posters")
    body = member_client.get("/resources/", {"q": "кризисный центр"}).content.decode()
    assert "Руководство для кризисных центров" in body
    assert "Youth campaign kit" not in body


def test_counts_stop_at_the_cap_and_say_so(member_client, open_category, monkeypatch):
    from search import backends

    for number in range(1, 6):
        post(open_category, "Shelter referral in Osh", object_id=number)
    body = member_client.get("/search/", {"q": "shelter"}, follow=True).content.decode()
    assert "(5)" in body and "(5+)" not in body

    monkeypatch.setattr(backends, "COUNT_CAP", 3)
    body = member_client.get("/search/", {"q": "shelter"}, follow=True).content.decode()
    assert "(3+)" in body
    assert "(0+)" not in body and "(0)" in body  # kinds without matches are not "at least"
