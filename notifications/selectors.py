from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from .models import DEFAULT_DELIVERY, Delivery, Kind, Notification, Preference
from .registry import visible_ids_for


def bell_group(user_id: int) -> str:
    """The channel-layer group of a member's open bell connections."""
    return f"bell.{user_id}"


def notifications_for(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


# The bell stops counting here; no one reads further than this in one sitting.
UNREAD_COUNT_CAP = 1000


def unread_count(user) -> int:
    """Unread notifications the member can see: filtered by `still_visible`, like the list, so
    the bell never counts what the list hides (a hidden post, a deleted message). A group
    ("2 new replies in …") is one row, so it counts once, as the list shows it. One query,
    and one per kind of target among the unread ones."""
    unread = list(
        notifications_for(user)
        .filter(read_at__isnull=True)
        .only("pk", "target_type_id", "target_id")
        .order_by("-pk")[:UNREAD_COUNT_CAP]
    )
    return len(still_visible(user, unread))


def still_visible(user, notifications: list[Notification]) -> list[Notification]:
    """Drop notifications whose target the member may no longer see: one query per target
    model on the page, whatever the number of notifications."""
    by_type: dict[int, list[Notification]] = defaultdict(list)
    for notification in notifications:
        if notification.target_type_id:
            by_type[notification.target_type_id].append(notification)
    hidden: set[int] = set()
    for type_id, items in by_type.items():
        label = ContentType.objects.get_for_id(type_id).model_class()._meta.label_lower
        visible_ids = visible_ids_for(label)
        if visible_ids is None:
            continue
        allowed = set(visible_ids(user, [n.target_id for n in items]))
        hidden.update(n.pk for n in items if n.target_id not in allowed)
    return [n for n in notifications if n.pk not in hidden]


def deliveries_for(user) -> dict[str, str]:
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, DEFAULT_DELIVERY[kind]) for kind in Kind.values}


def deliveries_for_many(user_ids: list[int], kind: str) -> dict[int, str]:
    chosen = dict(Preference.objects.filter(user_id__in=user_ids, kind=kind).values_list("user_id", "delivery"))
    return {user_id: chosen.get(user_id, DEFAULT_DELIVERY[kind]) for user_id in user_ids}


def kinds_with_delivery(user, delivery: Delivery) -> list[str]:
    return [kind for kind, chosen in deliveries_for(user).items() if chosen == delivery]
