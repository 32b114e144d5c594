"""What forum writes set in motion: notifications to the right people only, and search."""

import pytest

from forum import services
from forum.models import Category, CategoryWatch
from notifications.models import Kind, Notification
from notifications.selectors import still_visible
from search import selectors as search
from taxonomy.models import Country
from tests.factories import UserFactory

from . import factories

pytestmark = pytest.mark.django_db


def kinds_for(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_a_reply_notifies_the_author_and_earlier_posters_but_not_the_replier(member, other_member):
    thread = factories.thread(member)
    earlier = UserFactory()
    factories.reply(thread, earlier)
    factories.reply(thread, other_member)
    # The author's two unread replies in the thread are one grouped item.
    assert kinds_for(member) == [Kind.REPLY]
    assert Notification.objects.get(recipient=member).count == 2
    assert kinds_for(earlier) == [Kind.REPLY]
    assert kinds_for(other_member) == []


def test_a_watcher_is_notified_of_replies(member, other_member):
    thread = factories.thread(member)
    watcher = UserFactory()
    services.thread_watch(user=watcher, thread=thread, watch=True)
    factories.reply(thread, other_member)
    assert kinds_for(watcher) == [Kind.REPLY]


def test_a_mention_notifies_once_as_a_mention(member):
    colleague = UserFactory(display_name="Aigul")
    thread = factories.thread(member)
    factories.reply(thread, UserFactory(), body="@Aigul what do you think?")
    assert kinds_for(colleague) == [Kind.MENTION]


def test_mentioning_someone_who_cannot_see_the_category_notifies_nobody(member):
    kg_only = factories.restricted_category(countries=("kg",))
    outsider = UserFactory(display_name="Outsider", country=Country.objects.get(slug="uz"))
    author = UserFactory(country=Country.objects.get(slug="kg"))
    factories.thread(author, category=kg_only, body="@Outsider please look")
    assert kinds_for(outsider) == []


def test_watchers_of_a_category_hear_of_new_threads(member):
    watcher = UserFactory()
    CategoryWatch.objects.create(user=watcher, category=Category.objects.get(slug="prevention"))
    factories.thread(member)
    assert kinds_for(watcher) == [Kind.WATCHED_CATEGORY]


def test_a_reaction_notifies_the_author_in_one_batch(member):
    thread = factories.thread(member)
    post = thread.posts.get(position=1)
    for _ in range(3):
        services.reaction_toggle(user=UserFactory(), post=post, kind="thanks")
    notification = Notification.objects.get(recipient=member, kind=Kind.REACTION)
    assert notification.count == 3


def test_a_notification_disappears_when_its_post_is_hidden(member, moderator, other_member):
    thread = factories.thread(member)
    reply = factories.reply(thread, other_member)
    services.post_hide(actor=moderator, post=reply, reason="Identifies a survivor")
    notifications = list(Notification.objects.filter(recipient=member))
    assert still_visible(member, notifications) == []


def test_new_posts_are_searchable_and_edits_replace_the_old_text(member):
    thread = factories.thread(member, title="Охранные ордера в Оше", body="Как продлить охранный ордер?")
    post = thread.posts.get(position=1)
    assert [r.document.object_id for r in search.search(member, "ордеров").results if r.document.kind == "post"] == [
        post.pk
    ]
    services.post_edit(editor=member, post=post, body="Новый текст о консультациях")
    assert search.search(member, "продлить").results == []
    assert search.search(member, "консультации").results


def test_hidden_and_moved_threads_follow_their_new_visibility_in_search(member, moderator):
    thread = factories.thread(member, body="Referral protocol for district hospitals")
    assert search.search(member, "hospitals").results
    services.thread_hide(actor=moderator, thread=thread, reason="Spam")
    assert search.search(member, "hospitals").results == []
    services.thread_unhide(actor=moderator, thread=thread)
    coordination = Category.objects.get(access=Category.Access.MODERATORS)
    services.thread_move(actor=moderator, thread=thread, category=coordination)
    assert search.search(member, "hospitals").results == []
    assert search.search(moderator, "hospitals").results
