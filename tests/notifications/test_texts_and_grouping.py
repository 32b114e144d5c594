"""What notifications say, how their excerpts read, and how replies and reactions group."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role, Status
from accounts.services import application_submitted
from forum import services as forum_services
from notifications import services, texts
from notifications.models import Kind, Notification
from notifications.selectors import unread_count
from tests.factories import UserFactory
from tests.forum import factories

pytestmark = pytest.mark.django_db


def _n(**fields) -> Notification:
    defaults = {"kind": Kind.REPLY, "actor_name": "Aigerim N.", "title": "Shelters in Osh", "count": 1}
    return Notification(**(defaults | fields))


# Excerpts ------------------------------------------------------------------------------


def test_hostile_markdown_reads_as_plain_text():
    hostile = (
        "<script>alert(1)</script> **bold** _it_ [click](javascript:alert(2)) "
        '<img src=x onerror="alert(3)"> # Heading\n\n> quoted `code`'
    )
    plain = texts.plain_excerpt(hostile, {})
    assert "<" not in plain and ">" not in plain
    assert "**" not in plain and "onerror" not in plain and "alert(1)" not in plain
    assert plain.startswith("bold it") and "Heading quoted code" in plain


def test_mention_markup_shows_the_persons_current_name(member, other_member):
    other_member.display_name = "Farrukh T."
    other_member.save()
    notification = Notification.objects.create(
        recipient=member,
        kind=Kind.MENTION,
        url="/",
        excerpt=f"Ask @[Old Name](member:{other_member.pk}) about [the form](https://example.org)",
    )
    (prepared,) = texts.prepare([notification])
    assert prepared.shown_excerpt == "Ask @Farrukh T. about the form"
    assert "member:" not in prepared.shown_excerpt and "Old Name" not in prepared.shown_excerpt


def test_a_deleted_member_in_a_mention_reads_as_a_former_member(member):
    (prepared,) = texts.prepare([_n(kind=Kind.MENTION, excerpt="Thanks @[Gone](member:999999)")])
    assert prepared.shown_excerpt == "Thanks @Former member"


def test_a_content_warning_replaces_the_excerpt_and_the_title(member_client, member):
    Notification.objects.create(
        recipient=member,
        kind=Kind.REPLY,
        url="/",
        actor_name="Aigerim N.",
        title="A survivor's account",
        excerpt="Details of what happened",
        content_warning="Violence",
    )
    page = member_client.get("/notifications/").content.decode()
    assert "Content warning: Violence" in page
    assert "Details of what happened" not in page and "A survivor" not in page
    assert "Aigerim N. replied in a thread you follow" in page


# Texts -------------------------------------------------------------------------------

EXPECTED = [
    (_n(), "Aigerim N. replied in “Shelters in Osh”"),
    (_n(count=2), "2 new replies in “Shelters in Osh”"),
    (_n(kind=Kind.MENTION), "Aigerim N. mentioned you in “Shelters in Osh”"),
    (_n(kind=Kind.DIRECT_MESSAGE), "Aigerim N. sent you a direct message"),
    (_n(kind=Kind.WATCHED_CATEGORY), "Aigerim N. started the thread “Shelters in Osh” in a category you watch"),
    (_n(kind=Kind.REACTION), "Aigerim N. reacted to your post in “Shelters in Osh”"),
    (_n(kind=Kind.REACTION, count=4), "Aigerim N. and 3 others reacted to your post in “Shelters in Osh”"),
    (
        _n(kind=Kind.RESOURCE_DECISION, verb="published", title="Referral guide"),
        "Your resource “Referral guide” was published",
    ),
    (
        _n(kind=Kind.RESOURCE_DECISION, verb="draft", title="Referral guide", reason="Add the hotline"),
        "Your resource “Referral guide” was returned with a note: Add the hotline",
    ),
    (
        _n(kind=Kind.RESOURCE_DECISION, verb="rejected", title="Referral guide", reason="Duplicate"),
        "Your resource “Referral guide” was declined: Duplicate",
    ),
    (
        _n(kind=Kind.RESOURCE_MATCH, title="Referral guide"),
        "New in the library on a theme you follow: “Referral guide”",
    ),
    (
        _n(kind=Kind.MODERATION, verb="report", title="Harassment"),
        "A new report waits in the moderation queue: Harassment",
    ),
    (_n(kind=Kind.MODERATION, verb="resource"), "Aigerim N. submitted a resource for review"),
    (_n(kind=Kind.MODERATION, verb="member.warn", reason="Be kind"), "A moderator wrote to you: Be kind"),
    (
        _n(kind=Kind.MODERATION_DECISION, verb="forum.post_hide", reason="Names a survivor"),
        "Your post in “Shelters in Osh” was hidden by a moderator: Names a survivor",
    ),
    (
        _n(kind=Kind.MODERATION_DECISION, verb="forum.post_delete", reason="Spam"),
        "Your post in “Shelters in Osh” was removed by a moderator: Spam",
    ),
    (
        _n(kind=Kind.MODERATION_DECISION, verb="forum.thread_hide", reason="Spam"),
        "Your thread “Shelters in Osh” was hidden by a moderator: Spam",
    ),
    (
        _n(kind=Kind.MODERATION_DECISION, verb="chat.message_delete", title="Kyrgyzstan", reason="Spam"),
        "Your message in “Kyrgyzstan” was removed by a moderator: Spam",
    ),
    (
        _n(kind=Kind.MODERATION_DECISION, verb="resource.archive", title="Old guide", reason="Outdated"),
        "Your resource “Old guide” was archived by a moderator: Outdated",
    ),
]


@pytest.mark.parametrize(("notification", "expected"), EXPECTED, ids=[e for _n_, e in EXPECTED])
def test_every_text_says_what_happened(notification, expected):
    assert texts.notification_text(notification) == expected


MINE = [
    Kind.REPLY,
    Kind.MENTION,
    Kind.DIRECT_MESSAGE,
    Kind.WATCHED_CATEGORY,
    Kind.REACTION,
    Kind.RESOURCE_DECISION,
    Kind.RESOURCE_MATCH,
    Kind.MODERATION,
    Kind.MODERATION_DECISION,
]


def test_every_kind_has_its_own_text_and_email_subject():
    generic = "A new item is waiting in the moderation queue"
    for kind in (k for k in MINE if k != Kind.MODERATION):
        notification = _n(kind=kind, verb="published" if kind == Kind.RESOURCE_DECISION else "")
        assert texts.notification_text(notification) != generic, kind
        subject = texts.email_subject([notification], "Hub")
        assert subject.endswith(" on Hub") and "new notification" not in subject, kind


def test_texts_behind_a_content_warning_do_not_name_the_thread():
    text = texts.notification_text(_n(content_warning="Violence", count=3))
    assert text == "3 new replies in a thread you follow"


# Grouping ----------------------------------------------------------------------------


def test_replies_in_one_thread_group_into_one_unread_item(member, other_member, django_capture_on_commit_callbacks):
    thread = factories.thread(member, title="Shelters in Osh")
    with django_capture_on_commit_callbacks(execute=True):
        first = factories.reply(thread, other_member)
        factories.reply(thread, UserFactory(display_name="Aigerim N."))
        factories.reply(thread, other_member)
    (group,) = Notification.objects.filter(recipient=member, kind=Kind.REPLY)
    assert group.count == 3
    assert group.url == first.get_absolute_url()  # opens at the first unread reply
    assert texts.notification_text(group) == "3 new replies in “Shelters in Osh”"
    assert unread_count(member) == 1

    # Marking it read marks the whole group; the next reply starts a new one.
    services.notification_mark_read(user=member, notification_id=group.pk)
    assert unread_count(member) == 0
    factories.reply(thread, other_member)
    assert Notification.objects.filter(recipient=member, kind=Kind.REPLY, read_at__isnull=True).get().count == 1


def test_replies_in_different_threads_stay_apart(member, other_member):
    for title in ("First thread", "Second thread"):
        factories.reply(factories.thread(member, title=title), other_member)
    assert Notification.objects.filter(recipient=member, kind=Kind.REPLY).count() == 2
    assert unread_count(member) == 2


def test_reactions_to_one_post_group_and_name_the_latest_person(member):
    thread = factories.thread(member, title="Shelters in Osh")
    post = thread.posts.get(position=1)
    for name in ("Farrukh T.", "Dilnoza K.", "Aigerim N."):
        forum_services.reaction_toggle(user=UserFactory(display_name=name), post=post, kind="thanks")
    (group,) = Notification.objects.filter(recipient=member, kind=Kind.REACTION)
    assert texts.notification_text(group) == "Aigerim N. and 2 others reacted to your post in “Shelters in Osh”"


def test_the_list_shows_groups_and_the_bell_counts_them(member_client, member, other_member):
    thread = factories.thread(member)
    for _ in range(3):
        factories.reply(thread, other_member)
    factories.reply(factories.thread(member, title="Another"), other_member)
    response = member_client.get("/notifications/")
    assert len(response.context["page"].items) == 2
    assert int(re.search(r'data-unread="(\d+)"', response.text).group(1)) == 2


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/notifications/").status_code == 200
    return len(queries)


def test_the_list_takes_the_same_queries_however_many_items_and_mentions(
    member_client, member, django_assert_num_queries
):
    def add(count):
        people = UserFactory.create_batch(count)
        for person in people:
            thread = factories.thread(person)
            services.notify(
                kind=Kind.MENTION,
                recipient_ids=[member.pk],
                actor=person,
                target=thread.posts.get(position=1),
                url=thread.get_absolute_url(),
                title=thread.title,
                excerpt=f"Hello @[x](member:{person.pk}) and **you**",
            )

    add(2)
    _list_queries(member_client)  # the session's first request records it
    # Session and member, the page, which posts are still visible, the mentioned names, the bell.
    assert _list_queries(member_client) == LIST_QUERIES
    add(8)
    with django_assert_num_queries(LIST_QUERIES):
        member_client.get("/notifications/")


LIST_QUERIES = 6


# The bell on every page -------------------------------------------------------------------


def test_every_member_page_opens_the_bell_socket_except_in_light_mode(member_client, client):
    page = member_client.get("/forum/").text
    assert "notifications/bell.js" in page and 'data-bell-ws="/ws/notifications/"' in page
    assert 'data-bell-status aria-live="polite"' in page
    member_client.post("/light-mode/", {"light": "on", "next": "/"})
    page = member_client.get("/forum/").text
    assert "notifications/bell.js" not in page and "data-bell-ws" not in page
    assert "bell.js" not in client.get("/accounts/login/").text


def test_moderators_read_who_applied(moderator):
    applicant = UserFactory(display_name="Aizada", role=Role.APPLICANT, status=Status.PENDING)
    application_submitted(applicant=applicant)
    told = Notification.objects.get(recipient=moderator, kind=Kind.MODERATION)
    assert texts.notification_text(told) == "Aizada applied to join and waits in the moderation queue"


def test_a_group_opened_by_a_simultaneous_reply_is_joined(member, other_member, monkeypatch):
    thread = factories.thread(member, title="Shelters in Osh")
    factories.reply(thread, other_member)
    real = services._bump_batches
    calls = []

    def first_misses_the_group(ids, *args):
        calls.append(ids)
        return set() if len(calls) == 1 else real(ids, *args)

    monkeypatch.setattr(services, "_bump_batches", first_misses_the_group)
    factories.reply(thread, other_member)  # would break the unique group without the retry
    (group,) = Notification.objects.filter(recipient=member, kind=Kind.REPLY)
    assert group.count == 2 and len(calls) == 2
