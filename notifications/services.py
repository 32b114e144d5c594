"""Creating and delivering notifications.

``notify`` is what the forum, library, chat and moderation call. It writes all rows with
one bulk insert (no per-recipient query loop), then after the commit tells each recipient's
open bell connections that their count changed (each connection counts with the list's own
selector) and queues one background task for the emails."""

from collections.abc import Callable, Iterable
from contextlib import nullcontext

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.content_warning import CONTENT_WARNING_MAX_LENGTH
from core.realtime import group_send, user_group

from .models import BATCHED_KINDS, Delivery, Kind, Notification, Preference
from .selectors import bell_group, deliveries_for_many

VisibleFilter = Callable[[list[int]], Iterable[int]]


def notify(
    *,
    kind: str,
    recipient_ids: Iterable[int],
    url: str,
    actor=None,
    target: models.Model | None = None,
    title: str = "",
    excerpt: str = "",
    content_warning: str = "",
    visible_to: VisibleFilter | None = None,
    verb: str = "",
    reason: str = "",
) -> list[Notification]:
    """Notify members who may see ``target``. ``visible_to(ids)`` returns the ids allowed to
    see it (one query); the actor is never notified of their own action. ``verb`` says what
    happened when a kind has several outcomes, ``reason`` is the moderator's note."""
    ids = {int(i) for i in recipient_ids if i}
    if actor is not None:
        ids.discard(actor.pk)
    if not ids:
        return []
    ids = set(User.objects.active_members().filter(pk__in=ids).values_list("pk", flat=True))
    if visible_to is not None and ids:
        ids &= set(visible_to(sorted(ids)))
    if not ids:
        return []
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    fields = {
        "kind": kind,
        "actor": actor,
        "actor_name": str(actor)[:80] if actor else "",
        "target_type": target_type,
        "target_id": target.pk if target is not None else None,
        "url": url[:500],
        "title": title[:300],
        "excerpt": excerpt[:300],
        "content_warning": (content_warning or "")[:CONTENT_WARNING_MAX_LENGTH],
        "verb": verb[:64],
        "reason": reason[:2000],
        "group_key": group_key_for(kind, target_type, target) if kind in BATCHED_KINDS else "",
    }
    with transaction.atomic():
        bumped: set[int] = set()
        if fields["group_key"]:
            bumped = _bump_batches(ids, kind, fields["group_key"], actor)
        rows = [Notification(recipient_id=i, **fields) for i in sorted(ids - bumped)]
        try:
            # Only a group can collide with a simultaneous write; other kinds skip the savepoint.
            with transaction.atomic() if fields["group_key"] else nullcontext():
                created = Notification.objects.bulk_create(rows)
        except IntegrityError:
            # A simultaneous reply opened the same group meanwhile: join it instead.
            bumped |= _bump_batches(ids - bumped, kind, fields["group_key"], actor)
            created = Notification.objects.bulk_create(
                [Notification(recipient_id=i, **fields) for i in sorted(ids - bumped)]
            )
        pairs = [(n.recipient_id, n.pk) for n in created]
        transaction.on_commit(lambda: _deliver(pairs, kind, fields, bumped | {r for r, _n in pairs}))
    return created


def group_key_for(kind: str, target_type, target) -> str:
    """Replies group by their thread, reactions by the post they are on."""
    if target is None:
        return ""
    thread_id = getattr(target, "thread_id", None)
    if kind == Kind.REPLY and thread_id:
        return f"thread:{thread_id}"
    return f"target:{target_type.pk}:{target.pk}"


def _bump_batches(ids: set[int], kind: str, group_key: str, actor) -> set[int]:
    """Add to the open group where one exists; return whose group grew. The group keeps the
    first unread item's link and names the latest person."""
    existing = Notification.objects.filter(recipient_id__in=ids, kind=kind, group_key=group_key, read_at__isnull=True)
    batched = set(existing.values_list("recipient_id", flat=True))
    if batched:
        existing.update(
            count=F("count") + 1,
            updated_at=timezone.now(),
            actor=actor,
            actor_name=str(actor)[:80] if actor else "",
        )
    return batched


def bell_changed(user_ids) -> None:
    """Tell the members' open bell connections to count again (after the commit)."""
    for user_id in sorted(set(user_ids)):
        group_send(bell_group(user_id), {"type": "bell.changed"})


def _deliver(pairs: list[tuple[int, int]], kind: str, fields: dict, changed: set[int]) -> None:
    bell_changed(changed)
    for recipient_id, notification_id in pairs:
        # The chat connection's "notification" frame (chat/PROTOCOL.md); the bell counts apart.
        group_send(
            user_group(recipient_id),
            {"type": "notification.new", "id": notification_id, "kind": kind, "url": fields["url"]},
        )
    if not pairs:
        return
    deliveries = deliveries_for_many([r for r, _n in pairs], kind)
    immediate = [n for r, n in pairs if deliveries[r] == Delivery.IMMEDIATE]
    if immediate:
        from .tasks import send_notification_emails

        send_notification_emails.enqueue(immediate)


def notification_mark_read(*, user, notification_id: int) -> None:
    """Marks the item read, and with it the whole group it shows."""
    done = Notification.objects.filter(recipient=user, pk=notification_id, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if done:
        user_id = user.pk
        transaction.on_commit(lambda: bell_changed([user_id]))


def notifications_mark_all_read(*, user) -> int:
    done = Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
    if done:
        user_id = user.pk
        transaction.on_commit(lambda: bell_changed([user_id]))
    return done


@transaction.atomic
def preferences_update(*, user, deliveries: dict[str, str]) -> None:
    for kind, delivery in deliveries.items():
        if kind not in Kind.values or delivery not in Delivery.values:
            raise ValidationError(_("Unknown notification setting."), code="invalid")
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})


def unsubscribe(*, user, kind: str) -> None:
    preferences_update(user=user, deliveries={kind: Delivery.NEVER})
