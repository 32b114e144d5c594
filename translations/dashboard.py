"""Translations' section of the home page: how many translation requests wait in the
languages the member lists."""

from core.dashboard import register_dashboard_section

from .selectors import open_request_count


def waiting_requests(user, since) -> dict | None:
    count = open_request_count(user)
    return {"translation_requests": count} if count else None


def register_dashboard() -> None:
    register_dashboard_section(
        "translations", order=60, selector=waiting_requests, template="translations/_dashboard.html"
    )
