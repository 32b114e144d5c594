from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import Status
from chat import services
from chat.models import Message, Room, RoomMember
from moderation.models import AuditEntry, Report
from tests.factories import UserFactory

from .factories import open_room, private_room, send

pytestmark = pytest.mark.django_db


def test_messages_get_increasing_sequence_numbers_per_room(member):
    room = open_room()
    first, second = send(member, room, "one"), send(member, room, "two")
    other = send(member, private_room(owner=member), "elsewhere")
    assert (first.seq, second.seq, other.seq) == (1, 2, 1)
    assert Room.objects.get(pk=room.pk).last_seq == 2


def test_a_retry_with_the_same_client_id_returns_the_stored_message(member):
    room = open_room()
    first, created = services.message_send(sender=member, room=room, body="Hello", client_id="abc")
    again, created_again = services.message_send(sender=member, room=room, body="Hello", client_id="abc")
    assert created and not created_again
    assert again.pk == first.pk
    assert Message.objects.count() == 1


def test_markdown_is_rendered_and_hostile_html_is_inert(member):
    message = send(member, open_room(), "**bold** <script>alert(1)</script> [x](javascript:alert(1))")
    assert "<strong>bold</strong>" in message.body_html
    assert "<script" not in message.body_html
    assert 'href="javascript' not in message.body_html


def test_mentions_are_stored(member, other_member):
    message = send(member, open_room(), f"Thanks @[{other_member.display_name}]")
    assert list(message.mentions.all()) == [other_member]


def test_an_empty_or_too_long_message_is_refused(member):
    with pytest.raises(ValidationError) as empty:
        send(member, open_room(), "   ")
    with pytest.raises(ValidationError) as long:
        send(member, open_room(), "x" * (services.MAX_MESSAGE_LENGTH + 1))
    assert empty.value.code == "empty" and long.value.code == "too_long"
    assert not Message.objects.exists()


def test_a_member_cannot_write_in_a_private_room_they_are_not_in(member):
    room = private_room()
    with pytest.raises(PermissionDenied):
        send(member, room)


def test_a_member_cannot_write_in_another_countrys_room(member):
    with pytest.raises(PermissionDenied):
        send(member, Room.objects.get(slug="country-uz"))


def test_a_suspended_member_cannot_send(member):
    member.status = Status.SUSPENDED
    member.save()
    with pytest.raises(PermissionDenied):
        send(member, open_room())


def test_sending_over_the_rate_limit_is_refused_and_not_stored(member, settings):
    settings.CHAT_RATE_BURST = 3
    settings.CHAT_RATE_PER_SECOND = 0.001
    for _ in range(3):
        send(member, open_room())
    with pytest.raises(ValidationError) as error:
        send(member, open_room())
    assert error.value.code == "rate_limited"
    assert Message.objects.count() == 3


def test_a_reply_must_be_in_the_same_room(member):
    elsewhere = send(member, private_room(owner=member))
    with pytest.raises(ValidationError):
        send(member, open_room(), reply_to_id=elsewhere.pk)


def test_editing_marks_the_message_as_edited(member):
    message = send(member, open_room(), "draft")
    services.message_edit(actor=member, message=message, body="final *text*")
    message.refresh_from_db()
    assert message.edited_at is not None and "<em>text</em>" in message.body_html


def test_a_member_cannot_edit_someone_elses_message(member, other_member):
    message = send(other_member, open_room())
    with pytest.raises(PermissionDenied):
        services.message_edit(actor=member, message=message, body="changed")


def test_deleting_ones_own_message_leaves_a_placeholder_without_an_audit_entry(member):
    message = send(member, open_room(), "oops")
    services.message_delete(actor=member, message=message)
    message.refresh_from_db()
    assert message.is_deleted and message.body == "" and not message.deleted_by_moderator
    assert not AuditEntry.objects.exists()


def test_a_moderator_deletes_a_message_closes_its_reports_and_is_audited(member, other_member, moderator):
    message = send(member, open_room(), "abusive text")
    services.message_report(reporter=other_member, message=message, reason="harassment")
    services.message_delete(actor=moderator, message=message, reason="harassment")
    message.refresh_from_db()
    assert message.deleted_by_moderator
    assert Report.objects.get().state == Report.State.ACTIONED
    entry = AuditEntry.objects.get(action="chat.message_delete")
    assert entry.target_user == member and "abusive text" not in f"{entry.data} {entry.target_repr}"


def test_a_member_cannot_delete_someone_elses_message(member, other_member):
    with pytest.raises(PermissionDenied):
        services.message_delete(actor=member, message=send(other_member, open_room()))


def test_a_reaction_toggles(member, other_member):
    message = send(other_member, open_room())
    assert services.reaction_toggle(user=member, message=message, emoji="👍") is True
    assert services.reaction_toggle(user=member, message=message, emoji="👍") is False
    assert not message.reactions.exists()


def test_an_unknown_reaction_is_refused(member):
    with pytest.raises(ValidationError):
        services.reaction_toggle(user=member, message=send(member, open_room()), emoji="<b>")


def test_a_report_goes_to_the_shared_moderation_queue_with_a_link(member, other_member):
    message = send(other_member, open_room(), "Name and address of a survivor")
    report = services.message_report(reporter=member, message=message, reason="identifies_survivor")
    assert report.target_author == other_member
    assert report.target_url == message.get_absolute_url()
    assert "survivor" in report.snapshot


def test_a_muted_member_cannot_send_until_the_mute_ends(member, moderator):
    room = open_room()
    services.member_mute(actor=moderator, room=room, member=member, minutes=60, reason="flooding")
    with pytest.raises(ValidationError) as error:
        send(member, room)
    assert error.value.code == "muted"
    assert AuditEntry.objects.filter(action="chat.member_mute", target_user=member).exists()
    RoomMember.objects.filter(user=member).update(muted_until=timezone.now() - timedelta(minutes=1))
    assert send(member, room).seq == 1


def test_only_moderators_mute(member, other_member):
    with pytest.raises(PermissionDenied):
        services.member_mute(actor=member, room=open_room(), member=other_member, minutes=60)


def test_the_owner_adds_and_removes_members_of_a_private_room(member, other_member):
    room = private_room(owner=member, members=[other_member])
    assert send(other_member, room).seq == 1
    services.room_member_remove(actor=member, room=room, member=other_member)
    with pytest.raises(PermissionDenied):
        send(other_member, room)


def test_a_member_who_does_not_own_the_room_cannot_add_people(member, other_member):
    room = private_room(members=[member])
    with pytest.raises(PermissionDenied):
        services.room_member_add(actor=member, room=room, member=other_member)


def test_a_moderator_adding_someone_to_a_private_room_is_audited(member, moderator):
    room = private_room()
    services.room_member_add(actor=moderator, room=room, member=member)
    assert AuditEntry.objects.filter(action="chat.room_member_add", target_user=member).exists()


def test_a_direct_conversation_is_reused_and_reaches_only_its_members(member, other_member, moderator):
    room = services.direct_start(sender=member, recipients=[other_member])
    assert services.direct_start(sender=other_member, recipients=[member]).pk == room.pk
    outsider = UserFactory()
    assert not Room.objects.visible_to(outsider).filter(pk=room.pk).exists()
    assert not Room.objects.visible_to(moderator).filter(pk=room.pk).exists()
    assert Room.objects.visible_to(other_member).filter(pk=room.pk).exists()


def test_a_direct_conversation_needs_someone_else(member):
    with pytest.raises(ValidationError):
        services.direct_start(sender=member, recipients=[member])


def test_expired_messages_are_purged_in_rooms_with_retention(member):
    sensitive = private_room(owner=member)
    sensitive.retention_days = 7
    sensitive.save()
    old, recent, kept = send(member, sensitive, "old"), send(member, sensitive, "new"), send(member, open_room(), "x")
    Message.objects.filter(pk__in=[old.pk, kept.pk]).update(created_at=timezone.now() - timedelta(days=8))
    assert services.messages_purge_expired() == 1
    assert set(Message.objects.values_list("pk", flat=True)) == {recent.pk, kept.pk}


def test_broadcast_and_followup_happen_only_after_commit(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        services.message_send(sender=member, room=open_room(), body="Hello", client_id="after-commit")
    # The broadcast, then the task with the search document and the notifications.
    assert len(callbacks) == 2


def test_converting_needs_the_owner_or_a_moderator(member, other_member):
    room = private_room(owner=other_member, members=[member])
    with pytest.raises(PermissionDenied):
        services.thread_from_messages(actor=member, room=room, message_ids=[], title="x")


def test_selected_messages_become_a_forum_thread_with_attribution(member, moderator):
    pytest.importorskip("forum.services", reason="the forum app does not provide thread_create yet")
    from forum import services as forum_services

    if not hasattr(forum_services, "thread_create"):
        pytest.skip("forum.services.thread_create does not exist yet")
    room = open_room()
    message = send(member, room, "We use a referral card in three languages")
    thread = services.thread_from_messages(actor=moderator, room=room, message_ids=[message.pk], title="Referral cards")
    assert thread.get_absolute_url()
    assert AuditEntry.objects.filter(action="chat.convert_to_thread").exists()


def test_the_rate_limit_refills_at_the_steady_rate(member, settings, monkeypatch):
    from chat import ratelimit

    settings.CHAT_RATE_BURST = 2
    settings.CHAT_RATE_PER_SECOND = 1
    clock = [1_000_000.0]
    monkeypatch.setattr(ratelimit, "_now", lambda: clock[0])
    assert ratelimit.take(member.pk) and ratelimit.take(member.pk)
    assert not ratelimit.take(member.pk)
    clock[0] += 1.0
    assert ratelimit.take(member.pk)
    assert not ratelimit.take(member.pk)
