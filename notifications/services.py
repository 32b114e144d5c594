"""Creating and delivering notifications.

``notify`` is what the forum, library, chat and moderation call. It writes all rows with
one bulk insert (no per-recipient query loop), then after the commit pushes a small event
to each recipient's open WebSocket and queues one background task for the emails."""

from collections.abc import Callable, Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.content_warning import CONTENT_WARNING_MAX_LENGTH
from core.realtime import group_send, user_group

from .models import BATCHED_KINDS, Delivery, Kind, Notification, Preference
from .selectors import deliveries_for_many

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
) -> list[Notification]:
    """Notify members who may see ``target``. ``visible_to(ids)`` returns the ids allowed to
    see it (one query); the actor is never notified of their own action."""
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
    }
    with transaction.atomic():
        if kind in BATCHED_KINDS and target is not None:
            ids = _bump_batches(ids, kind, target_type, target.pk)
        created = Notification.objects.bulk_create([Notification(recipient_id=i, **fields) for i in sorted(ids)])
        transaction.on_commit(lambda: _deliver([(n.recipient_id, n.pk) for n in created], kind, fields))
    return created


def _bump_batches(ids: set[int], kind: str, target_type, target_id: int) -> set[int]:
    """Add to the open batch (e.g. '3 reactions') where one exists; return who still needs a row."""
    existing = Notification.objects.filter(
        recipient_id__in=ids, kind=kind, target_type=target_type, target_id=target_id, read_at__isnull=True
    )
    batched = set(existing.values_list("recipient_id", flat=True))
    existing.update(count=F("count") + 1, updated_at=timezone.now())
    return ids - batched


def _deliver(pairs: list[tuple[int, int]], kind: str, fields: dict) -> None:
    for recipient_id, notification_id in pairs:
        group_send(
            user_group(recipient_id),
            {"type": "notification.new", "id": notification_id, "kind": kind, "url": fields["url"]},
        )
    deliveries = deliveries_for_many([r for r, _n in pairs], kind)
    immediate = [n for r, n in pairs if deliveries[r] == Delivery.IMMEDIATE]
    if immediate:
        from .tasks import send_notification_emails

        send_notification_emails.enqueue(immediate)


def notification_mark_read(*, user, notification_id: int) -> None:
    Notification.objects.filter(recipient=user, pk=notification_id, read_at__isnull=True).update(read_at=timezone.now())


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def preferences_update(*, user, deliveries: dict[str, str]) -> None:
    for kind, delivery in deliveries.items():
        if kind not in Kind.values or delivery not in Delivery.values:
            raise ValidationError(_("Unknown notification setting."), code="invalid")
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})


def unsubscribe(*, user, kind: str) -> None:
    preferences_update(user=user, deliveries={kind: Delivery.NEVER})
