"""The sections of the moderators' queue. Each app registers what waits on a moderator
(applications, reports, resources in review, ...) from its ``AppConfig.ready``; the queue
page shows every section with its count, one query per section."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class QueueSection:
    key: str
    label: str
    url_name: str
    count: Callable[[object], int]
    order: int = 100


_sections: dict[str, QueueSection] = {}


def register(section: QueueSection) -> None:
    _sections[section.key] = section


def sections() -> list[QueueSection]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))
