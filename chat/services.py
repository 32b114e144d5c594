"""Writes for chat. Each function checks the actor's rights itself, runs in a transaction,
audits moderator actions and broadcasts to the room only after the commit, so a client never
hears of a message that is not stored."""

import hashlib
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, IntegerField, OuterRef, Subquery, Value
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.mentions import mentions_prepare
from core import content_language
from core.content_warning import CONTENT_WARNING_MAX_LENGTH
from core.names import member_name
from core.realtime import group_send, user_access_changed_on_commit
from core.text import without_direction_controls
from moderation.audit import AuditAction, audit_record
from moderation.models import Report
from moderation.services import report_create, reports_resolve_for

from . import activity, permissions, ratelimit, rendering, selectors, tasks
from .models import Message, Reaction, Room, RoomMember

MAX_MESSAGE_LENGTH = 4000
MAX_CLIENT_ID_LENGTH = 64
MAX_MUTE_MINUTES = 60 * 24 * 30
# Addresses the chat URLs use for themselves.
RESERVED_SLUGS = {"new", "direct", "m"}


def _message_event(kind: str, message_id: int, *, message: Message | None = None) -> None:
    """Broadcast the message to its room after the commit. Edits, deletions and reactions
    are serialised from the stored row, so every recipient sees the same thing; a new message
    from the object just stored (with its reply target and no reactions), which saves the
    queries. The frame is encoded once per language here, never per reader (chat.rendering.
    message_frames); ``message.frames`` keeps them for the sender's ``ack``."""

    def build_and_send():
        stored = message
        if stored is None:
            stored = selectors.messages_for_frames().get(pk=message_id)
        stored.frames = rendering.message_frames(stored, kind=kind)
        group_send(f"chat.room.{stored.room_id}", {"type": "chat.event", **stored.frames})

    transaction.on_commit(build_and_send)


MAX_CONTENT_WARNING_LENGTH = CONTENT_WARNING_MAX_LENGTH


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write a message first."), code="empty")
    if len(body) > MAX_MESSAGE_LENGTH:
        raise ValidationError(
            _("A message can be at most %(max)d characters long.") % {"max": MAX_MESSAGE_LENGTH}, code="too_long"
        )
    return body


def _clean_content_warning(warning: str) -> str:
    warning = " ".join(str(warning or "").split())
    if len(warning) > MAX_CONTENT_WARNING_LENGTH:
        raise ValidationError(
            _("Please keep the content warning under %(max)d characters.") % {"max": MAX_CONTENT_WARNING_LENGTH},
            code="warning_too_long",
        )
    return warning


def _visible_room(user, room: Room) -> Room:
    if not Room.objects.visible_to(user).filter(pk=room.pk).exists():
        raise PermissionDenied(_("You are not a member of this room."))
    return room


def _mark_read(user, room_id: int, seq: int) -> None:
    membership, _created = RoomMember.objects.get_or_create(room_id=room_id, user=user)
    if seq > membership.last_read_seq:
        RoomMember.objects.filter(pk=membership.pk, last_read_seq__lt=seq).update(last_read_seq=seq)


def message_check_lengths(*, body: str, content_warning: str = "", client_id: str = "") -> None:
    """The protocol's length limits alone: cheap, so callers run them before any scan of the text."""
    if len(client_id.strip()) > MAX_CLIENT_ID_LENGTH:
        raise ValidationError(_("The message id is too long."), code="bad_client_id")
    _clean_body(body)
    _clean_content_warning(content_warning)


def _replayed(existing: Message, room: Room) -> tuple[Message, bool]:
    # A client id is an idempotency key for one author in one room: replayed in another room it
    # is a client error, never an answer with that room's message.
    if existing.room_id != room.pk:
        raise ValidationError(
            _("This message id was already used in another conversation. Please send the message again."),
            code="bad_client_id",
        )
    return existing, False


def _send_state(sender, room: Room, client_id: str) -> Mapping[str, Any] | None:
    """In one query: whether the sender may see the room, the message a retry with this client
    id already stored, and the sender's membership (mute and read marker). None when the room
    does not exist."""
    membership = RoomMember.objects.filter(room=OuterRef("pk"), user=sender)
    replayed = (
        Subquery(Message.objects.filter(sender=sender, client_id=client_id).values("pk")[:1])
        if client_id
        else Value(None, output_field=IntegerField())
    )
    return (
        Room.objects.filter(pk=room.pk)
        .annotate(
            visible=Exists(Room.objects.visible_to(sender).filter(pk=OuterRef("pk"))),
            replayed_id=replayed,
            membership_id=Subquery(membership.values("pk")[:1]),
            muted_until=Subquery(membership.values("muted_until")[:1]),
        )
        .values("visible", "replayed_id", "membership_id", "muted_until")
        .first()
    )


def _next_seq(room: Room) -> int:
    """Allocate the room's next sequence number. The UPDATE takes the row lock, which
    serialises numbering per room across processes until the transaction ends; RETURNING
    saves the separate SELECT ... FOR UPDATE (PostgreSQL, and SQLite from 3.35)."""
    table = connection.ops.quote_name(Room._meta.db_table)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            # The table name comes from the model, never from input.
            f"UPDATE {table} SET last_seq = last_seq + 1, updated_at = %s WHERE id = %s RETURNING last_seq",  # noqa: S608
            [now, room.pk],
        )
        return cursor.fetchone()[0]


@transaction.atomic
def message_send(
    *,
    sender,
    room: Room,
    body: str,
    client_id: str = "",
    reply_to_id: int | None = None,
    content_warning: str = "",
) -> tuple[Message, bool]:
    """Store a message and broadcast it after commit. Returns (message, created); a retry
    with a client id already used returns the stored message and creates nothing.

    The transaction does only what the broadcast needs (a constant number of queries, see
    tests/chat/test_send_queries.py); the search document and the notifications follow in a
    task enqueued after the broadcast (chat.tasks)."""
    if not permissions.can_participate(sender):
        raise PermissionDenied(_("Only active members can chat."))
    client_id = (client_id or "").strip()
    if len(client_id) > MAX_CLIENT_ID_LENGTH:
        raise ValidationError(_("The message id is too long."), code="bad_client_id")
    state = _send_state(sender, room, client_id)
    if state is None:
        raise PermissionDenied(_("You are not a member of this room."))
    if state["replayed_id"] is not None:
        return _replayed(Message.objects.select_related("reply_to").get(pk=state["replayed_id"]), room)
    body = _clean_body(body)
    content_warning = _clean_content_warning(content_warning)
    if not state["visible"]:
        raise PermissionDenied(_("You are not a member of this room."))
    # Chat is fast: a name that matches nobody, or several, stays plain text. Mentions are
    # resolved here because the stored (and broadcast) HTML links them by member id.
    prepared = mentions_prepare(body, strict=False)
    muted_until = state["muted_until"]
    if muted_until is not None and muted_until > timezone.now():
        raise ValidationError(_("You are muted in this room for now."), code="muted")
    if not ratelimit.take(sender.pk):
        raise ValidationError(_("You are sending messages very quickly. Please wait a moment."), code="rate_limited")
    reply_to = None
    if reply_to_id:
        reply_to = Message.objects.filter(pk=reply_to_id, room=room).first()
        if reply_to is None:
            raise ValidationError(_("The message you reply to is not in this room."), code="bad_reply")
    room.last_seq = _next_seq(room)
    try:
        with transaction.atomic():
            message = Message.objects.create(
                room=room,
                seq=room.last_seq,
                sender=sender,
                sender_name=sender.display_name[:80],
                client_id=client_id,
                body=prepared.body,
                body_html=prepared.html,
                language=content_language.detect(body),
                content_warning=content_warning,
                reply_to=reply_to,
            )
    except IntegrityError:
        # A concurrent retry with the same client id won the race.
        existing = Message.objects.filter(sender=sender, client_id=client_id).first()
        if existing is None:
            raise
        transaction.set_rollback(True)
        return _replayed(existing, room)
    mentioned_ids = sorted(user.pk for user in prepared.members)
    if mentioned_ids:
        message.mentions.set(mentioned_ids)
    if state["membership_id"] is None:
        _mark_read(sender, room.pk, message.seq)
    else:
        RoomMember.objects.filter(pk=state["membership_id"], last_read_seq__lt=message.seq).update(
            last_read_seq=message.seq
        )
    # A new message has no reactions yet: the broadcast is built from this object, no query.
    message._prefetched_objects_cache = {"reactions": Reaction.objects.none()}  # type: ignore[attr-defined]
    _message_event("message", message.pk, message=message)
    # Registered after the broadcast, so it runs after it (on_commit keeps the order).
    transaction.on_commit(lambda: tasks.message_posted_followup.enqueue(message.pk, mentioned_ids))
    return message, True


@transaction.atomic
def message_edit(*, actor, message: Message, body: str) -> Message:
    if not permissions.can_edit_message(actor, message):
        raise PermissionDenied(_("You can only edit your own messages."))
    _visible_room(actor, message.room)
    body = _clean_body(body)
    prepared = mentions_prepare(body, strict=False)
    message.body = prepared.body
    message.body_html = prepared.html
    message.language = content_language.detect(body)
    message.edited_at = timezone.now()
    message.save(update_fields=["body", "body_html", "language", "edited_at", "updated_at"])
    message.mentions.set(prepared.members)
    activity.message_changed(message=message)
    _message_event("update", message.pk)
    return message


@transaction.atomic
def message_delete(*, actor, message: Message, reason: str = "") -> Message:
    """The sender or a moderator removes a message; a placeholder keeps the conversation's shape."""
    reported = (
        message.sender_id != actor.pk
        and Report.objects.filter(
            content_type=ContentType.objects.get_for_model(Message), object_id=message.pk, state=Report.State.OPEN
        ).exists()
    )
    if not permissions.can_delete_message(actor, message, reported=reported):
        raise PermissionDenied(_("You cannot delete this message."))
    by_moderator = message.sender_id != actor.pk
    if by_moderator:
        audit_record(
            actor=actor,
            action=AuditAction.CHAT_MESSAGE_DELETE,
            target=message,
            target_user=message.sender,
            reason=reason,
            # Kind, id and place only: the log never keeps what a member wrote.
            data={"room": message.room.slug, "seq": message.seq},
        )
        reports_resolve_for(actor=actor, target=message)
    message.body = ""
    message.body_html = ""
    message.deleted_at = timezone.now()
    message.deleted_by_moderator = by_moderator
    message.save(update_fields=["body", "body_html", "deleted_at", "deleted_by_moderator", "updated_at"])
    message.mentions.clear()
    message.reactions.all().delete()
    activity.message_changed(message=message)
    _message_event("update", message.pk)
    return message


@transaction.atomic
def reaction_toggle(*, user, message: Message, emoji: str) -> bool:
    """Add the reaction, or take it back if the member already gave it. Returns whether it is on."""
    if not permissions.can_participate(user):
        raise PermissionDenied(_("Only active members can react."))
    _visible_room(user, message.room)
    if emoji not in Reaction.Emoji.values:
        raise ValidationError(_("Choose one of the offered reactions."), code="bad_emoji")
    if message.is_deleted:
        raise ValidationError(_("This message was deleted."), code="deleted")
    removed, _detail = Reaction.objects.filter(message=message, user=user, emoji=emoji).delete()
    if not removed:
        Reaction.objects.get_or_create(message=message, user=user, emoji=emoji)
    # A reconnecting client asks for messages changed since it left; reactions count as changes.
    Message.objects.filter(pk=message.pk).update(updated_at=timezone.now())
    _message_event("update", message.pk)
    return not removed


@transaction.atomic
def message_report(*, reporter, message: Message, reason: str, note: str = "") -> Report:
    _visible_room(reporter, message.room)
    if message.is_deleted:
        raise ValidationError(_("This message was already removed."), code="deleted")
    return report_create(
        reporter=reporter,
        target=message,
        reason=reason,
        note=note,
        snapshot=f"{member_name(message.sender_name)}: {message.body}",
        target_author=message.sender,
    )


@transaction.atomic
def room_mark_read(*, user, room: Room, seq: int) -> None:
    _visible_room(user, room)
    _mark_read(user, room.pk, min(int(seq), room.last_seq))


@transaction.atomic
def member_mute(*, actor, room: Room, member, minutes: int, reason: str = "") -> RoomMember:
    if not permissions.can_mute_in(actor, room):
        raise PermissionDenied(_("Only moderators can mute members."))
    if member.pk == actor.pk:
        raise ValidationError(_("You cannot mute yourself."), code="self")
    if not 0 <= minutes <= MAX_MUTE_MINUTES:
        raise ValidationError(_("Choose a duration of up to 30 days."), code="bad_duration")
    membership, _created = RoomMember.objects.get_or_create(room=room, user=member)
    membership.muted_until = timezone.now() + timedelta(minutes=minutes) if minutes else None
    membership.save(update_fields=["muted_until", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.CHAT_MEMBER_MUTE if minutes else AuditAction.CHAT_MEMBER_UNMUTE,
        target=room,
        target_user=member,
        reason=reason,
        data={"room": room.slug, "minutes": minutes},
    )
    return membership


@transaction.atomic
def room_create(*, owner, name: str, description: str = "", retention_days: int | None = None) -> Room:
    """A private room; its creator owns it and adds the members."""
    if not permissions.can_participate(owner):
        raise PermissionDenied(_("Only active members can create rooms."))
    # Bidi controls would turn around the sentences that quote the name.
    name = without_direction_controls(name).strip()
    if not name:
        raise ValidationError(_("Give the room a name."), code="empty")
    base = slugify(name)[:60] or "room"
    slug = base
    counter = 1
    while slug in RESERVED_SLUGS or slug.isdigit() or Room.objects.filter(slug=slug).exists():
        counter += 1
        slug = f"{base}-{counter}"
    room = Room.objects.create(
        kind=Room.Kind.PRIVATE,
        slug=slug,
        name=name[:120],
        description=description.strip()[:300],
        owner=owner,
        retention_days=retention_days,
    )
    RoomMember.objects.create(room=room, user=owner, role=RoomMember.Role.OWNER, is_participant=True)
    return room


@transaction.atomic
def room_member_add(*, actor, room: Room, member) -> RoomMember:
    if not permissions.can_manage_room(actor, room):
        raise PermissionDenied(_("Only the room's owner or a moderator can add members."))
    if not permissions.is_active_member(member):
        raise ValidationError(_("Only active members can be added."), code="inactive")
    membership, _created = RoomMember.objects.update_or_create(
        room=room, user=member, defaults={"is_participant": True}
    )
    if permissions.can_moderate(actor) and room.owner_id != actor.pk:
        audit_record(actor=actor, action=AuditAction.CHAT_ROOM_MEMBER_ADD, target=room, target_user=member)
    user_access_changed_on_commit(member.pk)
    return membership


@transaction.atomic
def room_member_remove(*, actor, room: Room, member) -> None:
    if not permissions.can_manage_room(actor, room):
        raise PermissionDenied(_("Only the room's owner or a moderator can remove members."))
    if member.pk == room.owner_id:
        raise ValidationError(_("The owner cannot be removed from their room."), code="owner")
    RoomMember.objects.filter(room=room, user=member).update(is_participant=False)
    if permissions.can_moderate(actor) and room.owner_id != actor.pk:
        audit_record(actor=actor, action=AuditAction.CHAT_ROOM_MEMBER_REMOVE, target=room, target_user=member)
    # Open connections drop the room at once.
    user_access_changed_on_commit(member.pk)


@transaction.atomic
def direct_start(*, sender, recipients: list) -> Room:
    """The direct conversation between these members, created the first time."""
    if not permissions.can_participate(sender):
        raise PermissionDenied(_("Only active members can start a conversation."))
    people = {sender.pk: sender}
    for person in recipients:
        if not permissions.is_active_member(person):
            raise ValidationError(_("You can only write to active members."), code="inactive")
        people[person.pk] = person
    if len(people) < 2:
        raise ValidationError(_("Choose someone other than yourself."), code="self")
    if len(people) > 20:
        raise ValidationError(_("A direct conversation can have at most 20 people."), code="too_many")
    ids = sorted(people)
    # The address is a hash, so it does not reveal who talks to whom.
    slug = "dm-" + hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:24]
    names = ", ".join(sorted(p.display_name for p in people.values()))
    room, created = Room.objects.get_or_create(
        slug=slug, defaults={"kind": Room.Kind.DIRECT, "name": names[:120], "owner": None, "position": 900}
    )
    if created:
        RoomMember.objects.bulk_create([RoomMember(room=room, user_id=pk, is_participant=True) for pk in ids])
        for pk in ids:
            user_access_changed_on_commit(pk)
    return room


@transaction.atomic
def thread_from_messages(*, actor, room: Room, message_ids: list[int], title: str, category=None):
    """Turn selected messages into a forum thread, with attribution and a link back."""
    if not permissions.can_convert_to_thread(actor, room):
        raise PermissionDenied(_("Only the room's owner or a moderator can do this."))
    try:
        from forum.services import thread_create
    except ImportError as error:
        raise ValidationError(_("Turning chat into forum threads is not available yet."), code="unavailable") from error
    title = without_direction_controls(title).strip()
    if not title:
        raise ValidationError(_("Give the thread a title."), code="empty")
    messages = list(Message.objects.filter(room=room, pk__in=message_ids, deleted_at__isnull=True).order_by("seq"))
    if not messages:
        raise ValidationError(_("Select at least one message."), code="no_messages")
    parts = [
        _("From the chat room “%(room)s”:") % {"room": without_direction_controls(room.name)},
        "",
    ]
    for message in messages:
        quoted = "\n".join(f"> {line}" for line in message.body.splitlines())
        parts.append(f"**{member_name(message.sender_name)}** ({message.created_at:%Y-%m-%d %H:%M}):\n{quoted}\n")
    from django.conf import settings

    parts.append(
        _("[Open the conversation in chat](%(url)s)") % {"url": settings.SITE_URL + messages[0].get_absolute_url()}
    )
    thread = thread_create(author=actor, category=category, title=title[:200], body="\n".join(parts))
    if permissions.can_moderate(actor) and room.owner_id != actor.pk:
        audit_record(
            actor=actor,
            action=AuditAction.CHAT_CONVERT_TO_THREAD,
            target=room,
            data={"messages": [m.pk for m in messages]},
        )
    return thread


def messages_purge_expired(*, now=None) -> int:
    """Delete messages older than each room's retention period. Returns how many."""
    now = now or timezone.now()
    total = 0
    for room in Room.objects.filter(retention_days__isnull=False):
        with transaction.atomic():
            expired = Message.objects.filter(room=room, created_at__lt=now - timedelta(days=room.retention_days or 0))
            ids = list(expired.values_list("pk", flat=True))
            if not ids:
                continue
            Message.objects.filter(pk__in=ids).delete()
            activity.messages_purged(ids)
        total += len(ids)
    return total
