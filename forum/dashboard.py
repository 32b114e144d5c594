"""The forum's section of the home page: threads with posts the member has not read, and
threads started since their last visit, among the categories they can see."""

from core.dashboard import register_dashboard_section

from .selectors import unread_and_new

SHOWN = 5


def forum_changes(user, since) -> dict | None:
    unread, new = unread_and_new(user, since, limit=SHOWN)
    if not unread and not new:
        return None
    return {"unread_threads": unread, "new_threads": new}


def register_dashboard() -> None:
    register_dashboard_section("forum", order=20, selector=forum_changes, template="forum/_dashboard.html")
