"""Moderators read what their action did to whom; authors hear, with the reason, when a
moderator hides or removes what they wrote; the audit log filters by action, people picked
by id and dates, within the moderator's countries."""

import pytest
from django.core import mail

from accounts.models import Role
from chat import services as chat_services
from chat.models import Room
from forum import services as forum_services
from moderation.audit import AuditAction, audit_record
from notifications import services as notification_services
from notifications.models import Delivery, Kind, Notification
from notifications.texts import notification_text
from taxonomy.models import Country
from tests.factories import UserFactory
from tests.forum import factories as forum_factories
from tests.helpers import with_second_factor

pytestmark = pytest.mark.django_db


def _reported_reply(author, reporter):
    thread = forum_factories.thread(UserFactory(), title="Shelters in Osh")
    post = forum_factories.reply(thread, author, body="A hostile reply")
    return post, forum_services.post_report(reporter=reporter, post=post, reason="harassment")


def _decisions(member):
    return Notification.objects.filter(recipient=member, kind=Kind.MODERATION_DECISION)


def _flash(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# Confirmations ---------------------------------------------------------------------------


def test_hiding_from_the_inbox_says_what_was_hidden_and_whose(moderator_client, member, other_member):
    member.display_name = "Aigerim N."
    member.save()
    _post, report = _reported_reply(member, other_member)
    response = moderator_client.post(
        f"/moderation/inbox/report/{report.pk}/hide/", {"reason": "Names a survivor"}, follow=True
    )
    assert "Post by Aigerim N. hidden; the author was told why." in _flash(response)
    assert "Done. The audit log records it." not in response.text


def test_suspending_a_member_names_them(moderator_client, member):
    member.display_name = "Farrukh T."
    member.save()
    response = moderator_client.post(f"/moderation/members/{member.pk}/suspend/", {"reason": "Harassment"}, follow=True)
    assert "Farrukh T. suspended; their sessions have ended." in _flash(response)


# The author is told ------------------------------------------------------------------------


def test_the_author_of_a_hidden_post_is_told_with_the_reason_and_no_one_else(
    moderator_client, member, other_member, django_capture_on_commit_callbacks
):
    _post, report = _reported_reply(member, other_member)
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(f"/moderation/inbox/report/{report.pk}/hide/", {"reason": "Names a survivor"})
    (told,) = _decisions(member)
    assert notification_text(told) == "Your post in “Shelters in Osh” was hidden by a moderator: Names a survivor"
    assert told.actor_id is None  # the moderator stays unnamed
    assert not _decisions(other_member).exists()
    # Immediately by email by default, with a subject that says what it is about.
    (email,) = [m for m in mail.outbox if m.to == [member.email]]
    assert email.subject.startswith("A moderator's decision about what you wrote")
    # The reason is the moderator's; the thread's title is what members wrote, left out
    # for a member who did not ask for content in emails.
    assert "Your post was hidden by a moderator: Names a survivor" in email.body
    assert "Shelters in Osh" not in email.body and "hostile reply" not in email.body
    assert not [m for m in mail.outbox if m.to == [other_member.email]]


def test_the_author_sees_it_in_their_list(client, moderator, member, other_member):
    post, _report = _reported_reply(member, other_member)
    forum_services.post_hide(actor=with_second_factor(moderator), post=post, reason="Identifies a survivor")
    client.force_login(member)
    page = client.get("/notifications/").text
    assert "was hidden by a moderator: Identifies a survivor" in page
    assert client.get("/notifications/").context["page"].items[0].kind == Kind.MODERATION_DECISION


def test_an_author_who_chose_no_email_is_told_in_the_app_only(
    moderator, member, other_member, django_capture_on_commit_callbacks
):
    notification_services.preferences_update(user=member, deliveries={Kind.MODERATION_DECISION: Delivery.NEVER})
    post, _report = _reported_reply(member, other_member)
    with django_capture_on_commit_callbacks(execute=True):
        forum_services.post_delete(actor=with_second_factor(moderator), post=post, reason="Spam")
    assert _decisions(member).get().verb == AuditAction.FORUM_POST_DELETE
    assert not [m for m in mail.outbox if m.to == [member.email]]


def test_a_removed_chat_message_is_told_to_its_sender(moderator, member):
    room = Room.objects.get(slug="prevention")
    message, _created = chat_services.message_send(sender=member, room=room, body="Nasty remark")
    chat_services.message_delete(actor=with_second_factor(moderator), message=message, reason="Harassment")
    assert "was removed by a moderator: Harassment" in notification_text(_decisions(member).get())


def test_deleting_ones_own_post_tells_no_one(member, other_member):
    thread = forum_factories.thread(other_member)
    post = forum_factories.reply(thread, member)
    forum_services.post_delete(actor=member, post=post)
    assert not _decisions(member).exists()


# The audit log ---------------------------------------------------------------------------


def _country(slug):
    return Country.objects.get(slug=slug)


def test_the_audit_log_filters_by_people_picked_by_id(moderator_client, moderator, member, other_member):
    audit_record(actor=moderator, action=AuditAction.MEMBER_WARN, target=member, reason="about member")
    audit_record(actor=moderator, action=AuditAction.MEMBER_WARN, target=other_member, reason="about other")
    colleague = UserFactory(role=Role.MODERATOR)
    audit_record(actor=colleague, action=AuditAction.MEMBER_WARN, target=member, reason="by colleague")

    def reasons(**query):
        return {e.reason for e in moderator_client.get("/moderation/audit/", query).context["page"].items}

    assert reasons(member=member.pk) == {"about member", "by colleague"}
    assert reasons(moderator=colleague.pk) == {"by colleague"}
    assert reasons(moderator=moderator.pk, member=member.pk, action="member.warn") == {"about member"}
    # A typed name is not a filter; a bad id is a form error, never a 500.
    assert len(reasons(moderator=colleague.display_name)) == 3
    assert moderator_client.get("/moderation/audit/", {"member": "1 OR 1=1"}).status_code == 200
    for out_of_range in ("99999999999999999999", "1e30", "-1", "0", "2.5"):
        response = moderator_client.get("/moderation/audit/", {"member": out_of_range, "moderator": out_of_range})
        assert response.status_code == 200 and response.context["picked"] == {}


def test_the_audit_log_shows_translated_action_names_and_the_picked_names(moderator_client, moderator, member):
    member.display_name = "Farrukh T."
    member.save()
    audit_record(actor=moderator, action=AuditAction.FORUM_POST_HIDE, target=member, reason="x")
    page = moderator_client.get("/moderation/audit/", {"member": member.pk}).text
    assert "Post hidden" in page and "forum.post_hide</td>" not in page
    assert "Farrukh T." in page and 'data-member-picker="/members/autocomplete/"' in page


def test_a_scoped_moderator_cannot_filter_into_another_country(client):
    kz_moderator = UserFactory(role=Role.MODERATOR, country=_country("kz"))
    kz_moderator.moderated_countries.set([_country("kz")])
    with_second_factor(kz_moderator, client)
    kg_member = UserFactory(country=_country("kg"))
    kz_member = UserFactory(country=_country("kz"))
    admin = UserFactory(role=Role.ADMIN)
    audit_record(actor=admin, action=AuditAction.MEMBER_WARN, target=kg_member, reason="kg secret")
    audit_record(actor=admin, action=AuditAction.MEMBER_WARN, target=kz_member, reason="kz")
    kg_member.display_name = "Aibek Kyrgyzov"
    kg_member.save()
    kg_page = client.get("/moderation/audit/", {"member": kg_member.pk})
    assert kg_page.context["page"].items == [] and "kg secret" not in kg_page.text
    # The picker does not name a member outside the moderator's countries either.
    assert kg_page.context["picked"] == {"member": None} and "Aibek Kyrgyzov" not in kg_page.text
    assert client.get("/moderation/audit/", {"member": kz_member.pk}).context["picked"] == {"member": kz_member}
    everything = client.get("/moderation/audit/", {"moderator": admin.pk}).context["page"].items
    assert [e.reason for e in everything] == ["kz"]


def test_the_audit_log_takes_the_same_queries_however_long(moderator_client, moderator, django_assert_num_queries):
    def add(count):
        for person in UserFactory.create_batch(count):
            audit_record(actor=moderator, action=AuditAction.MEMBER_WARN, target=person, reason="r")

    add(2)
    moderator_client.get("/moderation/audit/")  # the session's first request records it
    with django_assert_num_queries(AUDIT_LOG_QUERIES):
        moderator_client.get("/moderation/audit/", {"member": moderator.pk, "action": "member."})
    add(30)
    with django_assert_num_queries(AUDIT_LOG_QUERIES):
        moderator_client.get("/moderation/audit/", {"member": moderator.pk, "action": "member."})
    with django_assert_num_queries(AUDIT_LOG_QUERIES - 1):  # no picked names to show
        moderator_client.get("/moderation/audit/")


AUDIT_LOG_QUERIES = 5
