"""Sections of the home page: what waits for the member (``lead`` sections, e.g. the moderators'
queue) and what changed for them since their last visit.

Core cannot import the apps above it, so each app registers its own section from its
AppConfig.ready: a selector that takes the member and the start of their last visit and
returns the section's context (or None when there is nothing to show, or the member may not
use that part of the hub), and the template that renders it. Each selector uses the app's
own visibility rules and a fixed number of queries."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

Selector = Callable[[object, datetime.datetime], dict | None]


@dataclass(frozen=True)
class DashboardSection:
    key: str
    order: int
    selector: Selector
    template: str
    lead: bool = False  # shown above the changes since the last visit


_sections: dict[str, DashboardSection] = {}


def register_dashboard_section(key: str, *, order: int, selector: Selector, template: str, lead: bool = False) -> None:
    _sections[key] = DashboardSection(key=key, order=order, selector=selector, template=template, lead=lead)


def sections() -> list[DashboardSection]:
    return sorted(_sections.values(), key=lambda section: (section.order, section.key))


def dashboard_for(user, since: datetime.datetime) -> list[tuple[DashboardSection, dict]]:
    """The sections with something to show, in order, each with its context."""
    shown = []
    for section in sections():
        context = section.selector(user, since)
        if context:
            shown.append((section, context))
    return shown
