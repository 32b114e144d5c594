"""What a chat message sets in motion beyond chat's own tables: the search index and
notifications for mentions and direct messages. Edits and deletions are followed inside
their transactions (a deleted message leaves search at once); a new message is followed by
``chat.tasks.message_posted_followup``, after its commit and broadcast."""

from allauth.mfa.models import Authenticator
from django.db.models import Exists, OuterRef, Q

from accounts.models import Role, User
from core.names import member_name
from notifications.models import Kind
from notifications.services import notify
from search import services as search

from .models import Message, Room, RoomMember

MODERATOR_ROLES = [Role.MODERATOR, Role.ADMIN]


def member_ids_who_can_see(room: Room, ids) -> list[int]:
    """Of ``ids``, the members who may see ``room``: ``Room.objects.visible_to`` asked the
    other way round (which members, for one room) in one query."""
    members = User.objects.active_members().filter(pk__in=list(ids))
    if room.kind == Room.Kind.OPEN:
        return list(members.values_list("pk", flat=True))
    allowed = Q(pk__in=RoomMember.objects.filter(room=room, is_participant=True).values("user_id"))
    if room.kind == Room.Kind.COUNTRY:
        allowed |= Q(country_id=room.country_id)
    if room.kind in (Room.Kind.COUNTRY, Room.Kind.PRIVATE):
        has_totp = Exists(Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP))
        allowed |= Q(has_totp, role__in=MODERATOR_ROLES)
    return list(members.filter(allowed).values_list("pk", flat=True))


def visible_message_ids(user, ids) -> list[int]:
    return list(
        Message.objects.filter(
            pk__in=list(ids), room__in=Room.objects.visible_to(user), deleted_at__isnull=True
        ).values_list("pk", flat=True)
    )


def message_changed(*, message: Message) -> None:
    """Edited or deleted: the index follows (a deleted message leaves search at once)."""
    search.index_message(message)


def messages_purged(message_ids: list[int]) -> None:
    search.remove_messages(message_ids)


def message_posted(*, message: Message, room: Room, mentioned_ids) -> None:
    search.index_message(message)

    def visible(ids):
        return member_ids_who_can_see(room, ids)

    common = {
        "actor": message.sender,
        "target": message,
        "url": message.get_absolute_url(),
        "title": room.name,
        "excerpt": message.body[:200],
        "content_warning": message.content_warning,
        "visible_to": visible,
    }
    mentioned_ids = set(mentioned_ids)
    if room.kind != Room.Kind.DIRECT:
        notify(kind=Kind.MENTION, recipient_ids=mentioned_ids, **common)
        return
    # A direct conversation is titled, for each recipient, by the other people in it.
    people = dict(
        RoomMember.objects.filter(room=room, is_participant=True).values_list("user_id", "user__display_name")
    )
    for recipient_id in sorted(set(people) - {message.sender_id}):
        others = sorted((name, pk) for pk, name in people.items() if pk != recipient_id)
        title = ", ".join(member_name(name) for name, _pk in others)
        kind = Kind.MENTION if recipient_id in mentioned_ids else Kind.DIRECT_MESSAGE
        notify(kind=kind, recipient_ids=[recipient_id], **{**common, "title": title})
