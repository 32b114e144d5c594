"""The moderators' part of the home page: what waits in their queue, section by section."""

from accounts import permissions
from core.dashboard import register_dashboard_section

from . import queue


def queue_waiting(user, since) -> dict | None:
    if not permissions.can_moderate(user):
        return None
    return {"queue_sections": [(section, section.count(user)) for section in queue.sections()]}


def register_dashboard() -> None:
    register_dashboard_section(
        "moderation", order=0, selector=queue_waiting, template="moderation/_dashboard_queue.html", lead=True
    )
