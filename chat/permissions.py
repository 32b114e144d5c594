"""Who may do what in chat. Builds on accounts.permissions; rooms a member may see come from
``Room.objects.visible_to`` (selectors), these predicates decide what they may do there."""

from django.utils import timezone

from accounts.permissions import can_moderate, can_participate, is_active_member, moderated_country_ids  # noqa: F401

from .models import Room, RoomMember


def can_manage_room(user, room: Room) -> bool:
    """Add and remove members of a private room: its owner or a moderator."""
    if room.kind != Room.Kind.PRIVATE or not can_participate(user):
        return False
    return (room.owner_id is not None and room.owner_id == user.pk) or in_moderated_countries(user, room)


def can_convert_to_thread(user, room: Room) -> bool:
    if room.kind == Room.Kind.DIRECT or not can_participate(user):
        return False
    return (room.owner_id is not None and room.owner_id == user.pk) or in_moderated_countries(user, room)


def can_edit_message(user, message) -> bool:
    return can_participate(user) and message.sender_id == user.pk and not message.is_deleted


def can_delete_message(user, message, *, reported: bool = False) -> bool:
    if message.is_deleted or not can_participate(user):
        return False
    return message.sender_id == user.pk or can_moderate_message(user, message, reported=reported)


def can_moderate_message(user, message, *, reported: bool = False) -> bool:
    """Moderators act on messages in the rooms they oversee; in a direct conversation only on
    a message a participant reported to them (they never browse direct conversations). Direct
    conversations belong to no country: their reports reach moderators of every country only."""
    if not (can_moderate(user) and (message.room.kind != Room.Kind.DIRECT or reported)):
        return False
    return in_moderated_countries(user, message.room)


def can_mute_in(user, room: Room) -> bool:
    return can_moderate(user) and room.kind != Room.Kind.DIRECT and in_moderated_countries(user, room)


def in_moderated_countries(user, room: Room) -> bool:
    """Moderators scoped to countries act only in those countries' rooms (the same rule as
    chat.models.moderated_rooms_q)."""
    if not can_moderate(user):
        return False
    scope = moderated_country_ids(user)
    return scope is None or room.country_id in scope


def is_muted(membership: RoomMember | None) -> bool:
    return bool(membership and membership.muted_until and membership.muted_until > timezone.now())
