"""Search results carry the content's own date, and show mentions as names, never markup."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from forum.models import Post
from search import selectors
from search.models import Document
from tests.chat.factories import open_room, send
from tests.factories import UserFactory
from tests.forum import factories

pytestmark = pytest.mark.django_db


def _results(user, query):
    return selectors.search(user, query).results


def test_a_forum_result_shows_the_post_s_date_not_the_day_it_was_indexed(member, member_client):
    thread = factories.thread(member, body="Отчёт о приютах в Оше")
    post = thread.posts.get()
    # Content dated back after it was written (imported, or the demo) is reindexed.
    weeks_ago = timezone.now() - timedelta(days=30)
    Post.objects.filter(pk=post.pk).update(created_at=weeks_ago)
    call_command("search_reindex", stdout=StringIO())
    document = Document.objects.get(kind=Document.Kind.POST, object_id=post.pk)
    assert document.created_at == weeks_ago
    page = member_client.get("/search/", {"q": "приютах"}, follow=True).content.decode()
    assert f'<time datetime="{timezone.localtime(weeks_ago):%Y-%m-%dT%H:%M:%S%z}">' in page


def test_recency_ranking_follows_the_content_s_date(member):
    old = factories.thread(member, title="Shelter intake one", body="Shelter intake checklist")
    new = factories.thread(member, title="Shelter intake two", body="Shelter intake checklist")
    Post.objects.filter(thread=new).update(created_at=timezone.now() - timedelta(days=400))
    call_command("search_reindex", stdout=StringIO())
    posts = [r.document.thread_id for r in _results(member, "checklist") if r.document.kind == Document.Kind.POST]
    assert posts == [old.pk, new.pk]


def test_a_post_s_mention_reads_as_the_name_in_the_index_and_the_snippet(member):
    colleague = UserFactory(display_name="Dilnoza T.")
    thread = factories.thread(member, body=f"@[Dilnoza T.](member:{colleague.pk}) можно его посмотреть?")
    document = Document.objects.get(kind=Document.Kind.POST, object_id=thread.posts.get().pk)
    assert document.body == "@Dilnoza T. можно его посмотреть?"
    (result,) = [r for r in _results(member, "Dilnoza") if r.document.kind == Document.Kind.POST]
    assert "](member:" not in result.snippet and "@<mark>Dilnoza</mark> T. можно" in result.snippet


def test_a_chat_message_s_typed_mention_reads_as_the_name_in_search(member):
    colleague = UserFactory(display_name="Айжан Н.")
    message = send(member, open_room(), "@Айжан Н. посмотрите протокол")
    assert message.mentions.get() == colleague
    (result,) = _results(member, "протокол")
    assert result.snippet == "@Айжан Н. посмотрите <mark>протокол</mark>"


def test_a_snippet_of_text_indexed_with_mention_markup_shows_the_name():
    from search.text import snippet

    shown = snippet("Спасибо @[Dilnoza T.](member:9), можно его взять?", ["можн"])
    assert shown == "Спасибо @Dilnoza T., <mark>можно</mark> его взять"
