"""Thread list rows are cached across members (forum.listing.thread_rows); these tests prove a
cached row never shows another member's reading state, a thread the reader may not see, or what
the thread no longer is."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from core import fragments
from forum import services
from forum.models import Category, Post, Thread
from tests.factories import UserFactory
from tests.forum import factories
from tests.helpers import with_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _local_memory_cache(settings):
    """The tests look into the stored keys, which only the local-memory cache lists."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "thread-row-tests"},
    }
    cache.clear()


def _index(client):
    return client.get("/forum/").text


def _row_of(html, title):
    start = html.index(title)
    return html[html.rindex("<li", 0, start) : html.index("</li>", start)]


def _settled(thread):
    """A last post hours ago: its relative time ("3 hours ago") holds for the whole test."""
    Thread.objects.filter(pk=thread.pk).update(last_posted_at=timezone.now() - datetime.timedelta(hours=3))


def _row_keys():
    return [key for key in cache._cache if ":frag:" in key]  # the local-memory cache of the tests


def test_the_index_renders_each_row_once_and_reuses_it(member_client, other_member, monkeypatch):
    _settled(factories.thread(other_member, title="First shared row"))
    _settled(factories.thread(other_member, title="Second shared row"))
    first = _index(member_client)
    rendered = []
    original = fragments.get_template

    def counting(name):
        rendered.append(name)
        return original(name)

    monkeypatch.setattr(fragments, "get_template", counting)
    second = _index(member_client)
    assert "forum/_thread_row.html" not in rendered
    assert _row_of(first, "First shared row") == _row_of(second, "First shared row")


def test_each_member_sees_their_own_unread_state_on_a_shared_row(member_client, member, other_member):
    thread = factories.thread(other_member, title="Read by one, not the other")
    factories.reply(thread, other_member)
    services.thread_mark_read(user=member, thread=thread, position=1)
    newcomer = Client()
    newcomer.force_login(UserFactory())

    mine = _row_of(_index(member_client), "Read by one, not the other")
    theirs = _row_of(_index(newcomer), "Read by one, not the other")

    assert "1 new post" in mine and "?page=1#post-2" in mine
    assert ">New<" in theirs and "new post" not in theirs and "#post-" not in theirs


def test_a_thread_hidden_after_its_row_was_cached_leaves_the_list(member_client, moderator, other_member):
    thread = factories.thread(other_member, title="A row about to be hidden")
    assert "A row about to be hidden" in _index(member_client)

    services.thread_hide(actor=moderator, thread=thread, reason="Names a survivor")

    assert "A row about to be hidden" not in _index(member_client)


def test_a_moderators_hidden_row_never_reaches_a_member(moderator, member_client, other_member):
    thread = factories.thread(other_member, title="Hidden for moderators only")
    services.thread_hide(actor=moderator, thread=thread, reason="Names a survivor")
    moderator_row = _row_of(_index(with_second_factor(moderator, Client())), "Hidden for moderators only")
    assert "badge--hidden" in moderator_row

    assert "Hidden for moderators only" not in _index(member_client)


def test_a_new_reply_and_a_lock_show_at_once(member_client, member, moderator, other_member):
    thread = factories.thread(other_member, title="A row that changes")
    services.thread_mark_read(user=member, thread=thread, position=1)
    before = _row_of(_index(member_client), "A row that changes")
    assert "0 replies" in before and "Locked" not in before

    factories.reply(thread, other_member)
    services.thread_lock(actor=moderator, thread=thread, reason="Finished")

    after = _row_of(_index(member_client), "A row that changes")
    assert "1 reply" in after and "Locked" in after and "1 new post" in after


def test_each_interface_language_gets_its_own_row(client, member, other_member):
    factories.thread(other_member, title="A row in two languages")
    client.force_login(member)
    english = _row_of(_index(client), "A row in two languages")
    client.cookies["django_language"] = "ru"
    russian = _row_of(client.get("/forum/", HTTP_ACCEPT_LANGUAGE="ru").text, "A row in two languages")
    assert "reply" in english or "replies" in english
    assert "ответ" in russian and "replies" not in russian


def _retitle(thread, author):
    opening = Post.objects.get(thread=thread, position=1)
    services.post_edit(editor=author, post=opening, body=opening.body, title="A new title for the row")


def _warn(thread, author):
    Thread.objects.filter(pk=thread.pk).update(content_warning="Describes violence")


def _tag(thread, author):
    thread.tags.create(slug="referral-paths", name="referral-paths")


def _rename_category(thread, author):
    Category.objects.filter(pk=thread.category_id).update(name_en="Prevention work, renamed")


@pytest.mark.parametrize(
    "change,shown",
    [
        (_retitle, "A new title for the row"),
        (_warn, "Describes violence"),
        (_tag, "referral-paths"),
        (_rename_category, "Prevention work, renamed"),
    ],
)
def test_every_field_a_row_shows_changes_it_at_once(member_client, other_member, change, shown):
    thread = factories.thread(other_member, title="A row about shelters")
    _settled(thread)
    assert shown not in _row_of(_index(member_client), "about shelters")

    change(thread, other_member)
    _settled(thread)

    html = _index(member_client)
    title = "A new title" if change is _retitle else "A row about shelters"
    assert shown in _row_of(html, title)


def test_tag_links_keep_the_valid_filters_and_nothing_else_of_the_address(member_client, other_member):
    thread = factories.thread(other_member, title="A tagged row", tags=["shelters"])
    _settled(thread)
    html = member_client.get("/forum/?unanswered=yes&order=newest&junk=%3Cb%3E&after=abc&view=top").text
    row = _row_of(html, "A tagged row")
    assert 'href="?view=top&amp;unanswered=on&amp;order=newest&amp;tag=shelters"' in row
    assert "junk" not in row and "after" not in row


def test_a_made_up_address_adds_no_cached_rows(member_client, other_member):
    _settled(factories.thread(other_member, title="A tagged row", tags=["shelters"]))
    _index(member_client)
    stored = sorted(_row_keys())
    for junk in range(5):
        member_client.get(f"/forum/?junk={junk}&after=&tag=")
    assert sorted(_row_keys()) == stored
