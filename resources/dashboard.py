"""The library's section of the home page: resources published since the member's last visit
on the themes of their expertise."""

from core.dashboard import register_dashboard_section

from .selectors import new_on_my_themes

SHOWN = 5


def library_changes(user, since) -> dict | None:
    resources = new_on_my_themes(user, since, limit=SHOWN)
    return {"new_resources": resources} if resources else None


def register_dashboard() -> None:
    register_dashboard_section("resources", order=30, selector=library_changes, template="resources/_dashboard.html")
