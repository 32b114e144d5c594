"""Who may still see a notification's target. Apps register, per model, a function that
takes a member and a list of ids and returns the ids that member may see now; lists, emails
and digests filter through it, so a permission change also silences older notifications."""

from collections.abc import Callable, Iterable

VisibleIds = Callable[[object, list[int]], Iterable[int]]

_visibility: dict[str, VisibleIds] = {}


def register_visibility(model, visible_ids: VisibleIds) -> None:
    _visibility[model._meta.label_lower] = visible_ids


def visible_ids_for(label_lower: str) -> VisibleIds | None:
    return _visibility.get(label_lower)
