"""The library's section of the home page: resources published since the member's last visit
on the themes of their expertise."""

from core.dashboard import register_dashboard_section

from .selectors import library

SHOWN = 5


def library_changes(user, since) -> dict | None:
    themes = user.expertise.values("pk")
    resources = list(
        library(user)
        .filter(published_at__gte=since, pk__in=library(user).filter(themes__in=themes).values("pk"))
        .order_by("-published_at", "-id")[:SHOWN]
    )
    return {"new_resources": resources} if resources else None


def register_dashboard() -> None:
    register_dashboard_section("resources", order=30, selector=library_changes, template="resources/_dashboard.html")
