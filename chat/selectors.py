"""Reads for chat. Every lookup goes through ``Room.objects.visible_to``."""

from django.db.models import F, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.http import Http404

from core import content_language
from core.names import member_name
from core.pagination import KeysetPage, keyset_page

from .models import Message, Reaction, Room, RoomMember

HISTORY_PAGE = 50
SYNC_BATCH = 100


def rooms_for(user):
    """Visible rooms with the member's unread count (sequence numbers are dense per room)."""
    last_read = RoomMember.objects.filter(room=OuterRef("pk"), user=user).values("last_read_seq")[:1]
    return (
        Room.objects.visible_to(user)
        .select_related("country")
        .annotate(last_read=Coalesce(Subquery(last_read), Value(0)))
        .annotate(unread=Greatest(F("last_seq") - F("last_read"), Value(0)))
    )


def direct_titles(room_ids, viewer_id: int | None) -> dict[int, str]:
    """For each direct conversation, the names of the people in it other than the viewer (one
    query for any number of rooms)."""
    names: dict[int, list[str]] = {room_id: [] for room_id in room_ids}
    if not names:
        return {}
    members = RoomMember.objects.filter(room_id__in=list(names), is_participant=True)
    if viewer_id is not None:
        members = members.exclude(user_id=viewer_id)
    rows = members.order_by("user__display_name", "user_id").values_list("room_id", "user__display_name")
    for room_id, name in rows:
        names[room_id].append(member_name(name))
    return {room_id: ", ".join(people) or str(Room.Kind.DIRECT.label) for room_id, people in names.items()}


def name_direct_rooms(rooms, user):
    """Name the direct conversations among ``rooms`` after the other people in them, never
    after the viewer (Room.display_name reads it). Returns ``rooms``."""
    direct = [room for room in rooms if room.kind == Room.Kind.DIRECT]
    titles = direct_titles([room.pk for room in direct], getattr(user, "pk", None))
    for room in direct:
        room.viewer_title = titles.get(room.pk, "")
    return rooms


def room_get(user, key: str | int) -> Room:
    """A room by slug or id, or 404 when the member may not know it exists."""
    rooms = Room.objects.visible_to(user)
    key = str(key)
    room = rooms.filter(pk=int(key)).first() if key.isdigit() else rooms.filter(slug=key).first()
    if room is None:
        raise Http404
    return name_direct_rooms([room], user)[0]


def membership_get(user, room: Room) -> RoomMember | None:
    return RoomMember.objects.filter(room=room, user=user).first()


def _with_relations(queryset):
    return queryset.select_related("reply_to").prefetch_related(
        Prefetch("reactions", queryset=Reaction.objects.only("id", "message_id", "user_id", "emoji"))
    )


# Consecutive messages of one person within this many seconds share one name and time.
GROUP_SECONDS = 5 * 60


def messages_page(
    room: Room, *, cursor: str | None, at: int | None = None, user=None, size: int = HISTORY_PAGE
) -> KeysetPage:
    """Newest first (the template shows them oldest first); ``at`` opens history around a message."""
    queryset = _with_relations(Message.objects.filter(room=room))
    if at is not None:
        queryset = queryset.filter(seq__lte=at + HISTORY_PAGE // 2)
    page = keyset_page(queryset, ordering=("-seq",), cursor=cursor, size=size)
    page.items.reverse()
    previous = None
    for message in page.items:
        message.reaction_buttons = reaction_buttons(message, user.pk if user else None)
        message.continues = continues(previous, message)
        previous = message
    return page


def continues(previous: Message | None, message: Message) -> bool:
    """Whether ``message`` is shown under the name and time of the one before it (the
    client applies the same rule to live messages)."""
    return bool(
        previous is not None
        and message.sender_id is not None
        and previous.sender_id == message.sender_id
        and not previous.is_deleted
        and not message.is_deleted
        and 0 <= (message.created_at - previous.created_at).total_seconds() < GROUP_SECONDS
    )


def first_unread_seq(room: Room, membership: RoomMember | None) -> int | None:
    """The first message the member has not read, or None when they are up to date (or have
    never opened the room: then there is nothing to mark as new)."""
    if membership is None or membership.last_read_seq >= room.last_seq:
        return None
    return membership.last_read_seq + 1


def message_seq_in(room: Room, message_id: int) -> int | None:
    """The position of a message in this room (for links that open the room at it)."""
    return Message.objects.filter(room=room, pk=message_id).values_list("seq", flat=True).first()


def messages_for_frames():
    """Stored messages with what their broadcast frames show: reply target and reactions."""
    return Message.objects.select_related("reply_to").prefetch_related("reactions")


def reaction_buttons(message: Message, user_id: int | None) -> list[dict]:
    """One entry per offered reaction, with how many gave it and whether the viewer did."""
    given: dict[str, set[int]] = {}
    for reaction in message.reactions.all():
        given.setdefault(reaction.emoji, set()).add(reaction.user_id)
    message.reactions_given = bool(given)
    return [
        {"emoji": emoji, "label": label, "count": len(given.get(emoji, ())), "mine": user_id in given.get(emoji, ())}
        for emoji, label in Reaction.Emoji.choices
    ]


def messages_after(room_id: int, after_seq: int, *, limit: int = SYNC_BATCH) -> list[Message]:
    queryset = Message.objects.filter(room_id=room_id, seq__gt=after_seq).order_by("seq")
    return list(_with_relations(queryset)[:limit])


def messages_changed(room_id: int, *, up_to_seq: int, since, limit: int = SYNC_BATCH) -> list[Message]:
    """Messages the client already has that were edited, deleted or reacted to since ``since``."""
    queryset = Message.objects.filter(room_id=room_id, seq__lte=up_to_seq, updated_at__gt=since).order_by("seq")
    return list(_with_relations(queryset)[:limit])


def message_get(user, message_id: int) -> Message:
    message = (
        Message.objects.select_related("room").filter(pk=message_id, room__in=Room.objects.visible_to(user)).first()
    )
    if message is None:
        raise Http404
    return message


def room_members(room: Room):
    return (
        RoomMember.objects.filter(room=room, is_participant=True)
        .select_related("user")
        .order_by("user__display_name", "id")
    )


def reaction_summary(message: Message) -> list[dict]:
    counts: dict[str, list[int]] = {}
    for reaction in message.reactions.all():
        counts.setdefault(reaction.emoji, []).append(reaction.user_id)
    return [{"emoji": emoji, "count": len(users), "users": users} for emoji, users in counts.items()]


def message_payload(message: Message) -> dict:
    """The JSON a client receives for one message (see PROTOCOL.md)."""
    deleted = message.is_deleted
    return {
        "id": message.pk,
        "room": message.room_id,
        "seq": message.seq,
        "client_id": message.client_id,
        "sender_id": message.sender_id,
        "sender": member_name(message.sender_name),
        "body": "" if deleted else message.body,
        "html": "" if deleted else message.body_html,
        "content_warning": "" if deleted else message.content_warning,
        "language": message.language,
        "language_name": content_language.label(message.language),
        "reply_to": message.reply_to_id,
        "reply_to_seq": message.reply_to.seq if message.reply_to_id and message.reply_to else None,
        "created_at": message.created_at.isoformat(),
        "edited": message.edited_at is not None,
        "deleted": deleted,
        "reactions": [] if deleted else reaction_summary(message),
    }


def reported_messages_open(user=None):
    """Open reports about chat messages (on ``user`` when given: the reports in their scope)."""
    from django.contrib.contenttypes.models import ContentType

    from moderation.models import Report
    from moderation.selectors import reports_for

    reports = Report.objects if user is None else reports_for(user)
    return reports.filter(state=Report.State.OPEN, content_type=ContentType.objects.get_for_model(Message))


def message_reports_open(message: Message):
    from django.contrib.contenttypes.models import ContentType

    from moderation.models import Report

    content_type = ContentType.objects.get_for_model(Message)
    return Report.objects.filter(state=Report.State.OPEN, content_type=content_type, object_id=message.pk)


def message_for_review(user, message_id: int) -> Message:
    """A message a moderator may review: any in a room they can see, and a reported one in a
    direct conversation. 404 otherwise."""
    from . import permissions

    message = Message.objects.select_related("room").filter(pk=message_id).first()
    if message is None or not permissions.can_moderate_message(user, message, reported=True):
        raise Http404
    if Room.objects.visible_to(user).filter(pk=message.room_id).exists() or message_reports_open(message).exists():
        return message
    raise Http404
