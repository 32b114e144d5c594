"""What translations need from the apps whose content members translate.

Translations import no feature app: each app registers one ``TranslatableKind`` per kind of
content from its ``AppConfig.ready`` (like ``notifications.registry``):

- ``key``: the stored kind name, "forum.post" or "resources.resource";
- ``fields(obj) -> list[SourceField]``: what can be translated, with the original's text
  (a thread's title only on its opening post);
- ``get(pk) -> obj | None``: the object by id, whoever asks (callers check ``can_view``);
- ``can_view(user, obj) -> bool``: the original's visibility; every translation page, list
  and notification follows it;
- ``visible_ids(user, ids) -> iterable``: the same rule for many ids in one query;
- ``source_language(obj) -> str``: an interface language code, or "" when unknown;
- ``url(obj)``, ``title(obj)``: where the original lives and a short name for lists;
- ``scope_ids(country_ids) -> QuerySet``: pks of the objects moderators of those countries
  look after (``moderation.registry``'s scope rule);
- ``countries_of(obj) -> set[int]``: the countries whose moderators look after the object;
- ``watchers(obj) -> iterable of user ids``: notified with the requesters when a translation
  is published;
- ``content_warning(obj) -> str``;
- ``search_kind`` and ``reindex(obj)``: the original's ``search.models.Document`` kind and how
  the app indexes it again; its translations' text is then indexed with it, and search shows
  the translation into the reader's language (``translations.searchable.localise``);
- ``title_search_kinds``, ``title_owner_ids(thread_ids)``: documents whose title comes from
  another object's translation (a thread's, from its opening post).

The version of the original is a hash of its translatable text: a translation made from
other text is outdated, whatever edited it.
"""

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class SourceField:
    name: str
    label: str
    text: str
    multiline: bool = False
    markdown: bool = False
    max_length: int = 20000
    # The translation form's label, when the original's label would mislead there.
    form_label: str = ""


@dataclass(frozen=True)
class TranslatableKind:
    key: str
    label: str
    fields: Callable[[Model], list[SourceField]]
    get: Callable[[int], Model | None]
    can_view: Callable[[object, Model], bool]
    visible_ids: Callable[[object, list[int]], Iterable[int]]
    source_language: Callable[[Model], str]
    url: Callable[[Model], str]
    title: Callable[[Model], str]
    scope_ids: Callable[[frozenset[int]], QuerySet]
    countries_of: Callable[[Model], set[int]] = lambda obj: set()
    watchers: Callable[[Model], Iterable[int]] = lambda obj: ()
    content_warning: Callable[[Model], str] = lambda obj: ""
    # The original's search document kind, and how to index the original again, so it is
    # found by the words of its translations.
    search_kind: str = ""
    reindex: Callable[[Model], None] | None = None
    # Many objects by id in one query, for lists; by default one ``get`` each.
    get_many: Callable[[list[int]], dict[int, Model]] | None = None
    # Search documents whose title is the "title" field of another object's translation (a
    # thread's title lives on its opening post): their kinds, and the objects holding the
    # titles by the documents' ``thread_id`` (one query; only objects shown to members).
    title_search_kinds: tuple[str, ...] = ()
    title_owner_ids: Callable[[list[int]], dict[int, int]] | None = None

    def get_bulk(self, ids: list[int]) -> dict[int, Model]:
        if self.get_many is not None:
            return self.get_many(ids)
        return {pk: obj for pk in ids if (obj := self.get(pk)) is not None}

    def version(self, obj) -> str:
        """A short hash of the original's translatable text."""
        text = json.dumps({f.name: f.text for f in self.fields(obj)}, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


_kinds: dict[str, TranslatableKind] = {}


def register(kind: TranslatableKind) -> None:
    _kinds[kind.key] = kind
    if kind.search_kind:
        from .searchable import register_search

        register_search(kind)


def kind_for(key: str) -> TranslatableKind | None:
    return _kinds.get(key)


def kinds() -> list[TranslatableKind]:
    return sorted(_kinds.values(), key=lambda kind: kind.key)
