"""Notifications' section of the home page: unread mentions and replies to the member that
they may still see (as the bell counts them)."""

from core.dashboard import register_dashboard_section

from .models import Kind
from .selectors import notifications_for, still_visible

SHOWN = 5


def notification_changes(user, since) -> dict | None:
    unread = list(
        notifications_for(user)
        .filter(read_at__isnull=True, kind__in=[Kind.MENTION, Kind.REPLY])
        .order_by("-updated_at", "-id")[:SHOWN]
    )
    unread = still_visible(user, unread)
    return {"mentions_and_replies": unread} if unread else None


def register_dashboard() -> None:
    register_dashboard_section(
        "notifications", order=10, selector=notification_changes, template="notifications/_dashboard.html"
    )
