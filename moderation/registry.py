"""What moderation needs from the apps whose content it moderates.

Moderation imports no feature app: each app registers its models here from its
``AppConfig.ready`` (like ``notifications.registry``), and the inbox, reports and scope
checks go through the registered records.

A feature app registers one ``ModeratedKind`` per model members can report:

- ``model``: the model class (``Post``, ``Message``, ...);
- ``hide(actor=, item=, reason=)``: hide it from members through the app's own service (which
  writes its audit entry); ``None`` when this kind cannot be hidden;
- ``restore(actor=, item=, reason=)``: undo ``hide``; ``None`` when there is nothing to undo;
- ``delete(actor=, item=, reason=)``: remove it; ``None`` means "hide it instead";
- ``countries_of(item) -> set[int]``: ids of the countries whose moderators look after the
  item; empty when only moderators of every country do;
- ``scope_q(country_ids) -> Q``: the same rule as a filter on ``model``, so lists and counts
  for a moderator scoped to ``country_ids`` stay one query;
- ``label(item) -> str``: a short neutral label for the audit log ("post 12 in thread 3"),
  never the member's text.

An app whose items wait for a moderator's decision (resources in review) also registers an
``InboxKind``: the pending items, when they started waiting, their author, and the service
that approves or rejects one.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, Q, QuerySet

Action = Callable[..., object]


@dataclass(frozen=True)
class ModeratedKind:
    model: type[Model]
    countries_of: Callable[[Model], set[int]]
    scope_q: Callable[[frozenset[int]], Q]
    label: Callable[[Model], str]
    hide: Action | None = None
    restore: Action | None = None
    delete: Action | None = None

    def in_countries(self, country_ids: frozenset[int]) -> QuerySet:
        """Primary keys of the items moderators of ``country_ids`` look after."""
        return self.model._default_manager.filter(self.scope_q(country_ids)).values("pk")


@dataclass(frozen=True)
class InboxKind:
    """Items that wait in the moderators' inbox for a decision (``approve`` or ``reject``)."""

    key: str
    label: str  # the inbox filter's choice, e.g. "Resources in review"
    model: type[Model]
    pending: Callable[[], QuerySet]
    waiting_since: object  # a field name or an expression, for the inbox's order
    author: Callable[[Model], object]
    decide: Callable[..., object]  # decide(actor=, item=, decision=, reason=)
    select_related: tuple[str, ...] = ()
    order: int = 100


_kinds: dict[str, ModeratedKind] = {}
_inbox_kinds: dict[str, InboxKind] = {}


def register(kind: ModeratedKind) -> None:
    _kinds[kind.model._meta.label_lower] = kind


def register_inbox(kind: InboxKind) -> None:
    _inbox_kinds[kind.key] = kind


def kinds() -> list[ModeratedKind]:
    return list(_kinds.values())


def kind_of(item) -> ModeratedKind | None:
    """The record for an item or a model class."""
    return _kinds.get(item._meta.label_lower) if item is not None else None


def inbox_kinds() -> list[InboxKind]:
    return sorted(_inbox_kinds.values(), key=lambda kind: (kind.order, kind.key))


def inbox_kind(key: str) -> InboxKind | None:
    return _inbox_kinds.get(key)
