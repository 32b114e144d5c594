"""Where else in the hub an object is mentioned ("Discussed in the forum" on a resource page).

Core and the lower feature layers cannot import the features that link to them, so each
feature registers a provider from its AppConfig.ready: a function ``(kind, object_id, user)``
that returns ``(title, url)`` pairs the member may open, using the feature's own visibility
rules and a fixed number of queries."""

from collections.abc import Callable
from dataclasses import dataclass

Provider = Callable[[str, int, object], list[tuple[str, str]]]


@dataclass(frozen=True)
class BacklinkSource:
    key: str
    label: str
    provider: Provider


_sources: dict[str, BacklinkSource] = {}


def register_backlinks(key: str, *, label, provider: Provider) -> None:
    _sources[key] = BacklinkSource(key=key, label=label, provider=provider)


def backlinks_for(kind: str, object_id: int, user) -> list[tuple[BacklinkSource, list[tuple[str, str]]]]:
    """Each source with links to the object, in the order of registration."""
    found = []
    for source in _sources.values():
        links = source.provider(kind, object_id, user)
        if links:
            found.append((source, links))
    return found
