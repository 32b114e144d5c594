"""The shared part of a post is cached across readers (forum.fragments); these tests prove that
a cached fragment never shows what the reader should not see, nor what the post no longer says."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import translation

from forum import fragments, services
from forum.models import Post
from tests.factories import UserFactory
from tests.forum import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _local_memory_cache(settings):
    """These tests look into the stored keys, which only the local-memory cache lists; on the
    PostgreSQL and Redis run the default cache is Redis."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fragments-tests"},
    }
    cache.clear()


def _page(client, thread):
    return client.get(thread.get_absolute_url() + "?page=1").text


def _fragment_keys():
    return [key for key in cache._cache if ":forum:post:" in key]  # the local-memory cache of the tests


def test_a_thread_page_stores_one_fragment_per_post_and_reuses_it(member_client, member, other_member):
    thread = factories.thread(other_member)
    factories.reply(thread, other_member)
    _page(member_client, thread)
    stored = _fragment_keys()
    assert len(stored) == 2
    # Given the fragments are cached, when the page is read again, nothing is rendered anew.
    rendered = []
    original = fragments.get_template

    def counting(name):
        rendered.append(name)
        return original(name)

    fragments.get_template = counting
    try:
        _page(member_client, thread)
    finally:
        fragments.get_template = original
    assert rendered == [] and sorted(_fragment_keys()) == sorted(stored)


def test_a_post_hidden_after_its_fragment_was_cached_disappears_for_members(member_client, moderator, other_member):
    thread = factories.thread(other_member)
    reply = factories.reply(thread, other_member, body="A sentence to be hidden")
    assert "A sentence to be hidden" in _page(member_client, thread)
    assert f'id="post-{reply.position}-by"' in _page(member_client, thread)

    services.post_hide(actor=moderator, post=reply, reason="Names a survivor")

    html = _page(member_client, thread)
    assert "A sentence to be hidden" not in html
    assert f'id="post-{reply.position}-by"' not in html  # not even its cached header


def test_a_deleted_post_shows_its_placeholder_not_the_cached_reply_line(member_client, member, other_member):
    thread = factories.thread(other_member)
    first = Post.objects.get(thread=thread, position=1)
    reply = services.post_create(author=member, thread=thread, body="Answering you", reply_to=first)
    assert "In reply to" in _page(member_client, thread)

    services.post_delete(actor=member, post=reply)

    html = _page(member_client, thread)
    assert "This post was deleted." in html and "In reply to" not in html and "Answering you" not in html


def test_an_edit_shows_the_new_text_and_the_new_edit_count(member_client, member):
    thread = factories.thread(member)
    reply = factories.reply(thread, member, body="First wording")
    assert "First wording" in _page(member_client, thread)

    services.post_edit(editor=member, post=Post.objects.get(pk=reply.pk), body="Second wording")

    html = _page(member_client, thread)
    assert "Second wording" in html and "First wording" not in html
    assert "edited once" in html


def test_an_author_erased_by_a_bulk_update_reads_former_member(member_client, other_member):
    thread = factories.thread(other_member)
    factories.reply(thread, other_member)
    assert other_member.display_name in _page(member_client, thread)

    # Erasure blanks the snapshot with update(), which bumps no timestamp.
    Post.objects.filter(author=other_member).update(author=None, author_name="")

    html = _page(member_client, thread)
    assert other_member.display_name not in html and "Former member" in html


def test_a_moderators_controls_never_reach_a_member_through_the_cache(
    moderator_client, moderator, member, other_member, client
):
    thread = factories.thread(other_member)
    factories.reply(thread, other_member, body="Visible reply")
    hidden = factories.reply(thread, other_member, body="Reply hidden by a moderator")
    services.post_hide(actor=moderator, post=hidden, reason="Identifying detail")
    # Given a moderator read the page first and filled the cache...
    moderator_html = _page(moderator_client, thread)
    assert "Moderate this post" in moderator_html and "Hidden from members" in moderator_html
    assert "Reply hidden by a moderator" in moderator_html

    # ...a member reading it next gets none of the moderator's view.
    client.force_login(member)
    html = _page(client, thread)
    assert "Visible reply" in html
    for moderator_only in (
        "Moderate this post",
        "Hidden from members",
        "Reply hidden by a moderator",
        "Identifying detail",
        "/unhide/",
        "/hide/",
    ):
        assert moderator_only not in html


def test_the_authors_own_actions_do_not_leak_to_another_reader(client, member, other_member):
    thread = factories.thread(other_member)
    reply = factories.reply(thread, other_member)
    client.force_login(other_member)
    assert f"/forum/p/{reply.pk}/edit/" in _page(client, thread)

    client.force_login(member)
    html = _page(client, thread)
    assert f"/forum/p/{reply.pk}/edit/" not in html
    assert f"/forum/p/{reply.pk}/delete/" not in html


def test_each_interface_language_gets_its_own_fragment(client, member, other_member):
    thread = factories.thread(other_member)
    factories.reply(thread, other_member)
    Post.objects.filter(author=other_member).update(author=None, author_name="")  # "Former member", translated
    client.force_login(member)
    assert "Former member" in _page(client, thread)

    member.ui_language = "ru"
    member.save()
    client.cookies["django_language"] = "ru"
    with translation.override("ru"):
        russian = translation.gettext("Former member")
    assert russian != "Former member"
    html = _page(client, thread)
    assert russian in html and "Former member" not in html


def test_each_time_zone_gets_its_own_fragment(client, member, other_member):
    thread = factories.thread(other_member)
    Post.objects.filter(thread=thread).update(created_at=datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC))
    member.time_zone = "Asia/Almaty"  # UTC+5
    member.save()
    client.force_login(member)
    assert "2026-03-01T17:00:00+0500" in _page(client, thread)

    reader_in_kabul = UserFactory(time_zone="Asia/Kabul")  # UTC+4:30
    client.force_login(reader_in_kabul)
    html = _page(client, thread)
    assert "2026-03-01T16:30:00+0430" in html and "+0500" not in html


def test_the_fragment_key_changes_with_everything_the_fragment_shows(member, other_member):
    thread = factories.thread(other_member)
    post = Post.objects.select_related("reply_to").get(thread=thread, position=1)
    key = fragments._key(post, "en", "UTC")
    for field, value in (("author_name", "Someone else"), ("edit_count", 3), ("language", "ru"), ("is_deleted", True)):
        changed = Post.objects.select_related("reply_to").get(pk=post.pk)
        setattr(changed, field, value)
        assert fragments._key(changed, "en", "UTC") != key, field
    assert fragments._key(post, "ru", "UTC") != key
    assert fragments._key(post, "en", "Asia/Almaty") != key
