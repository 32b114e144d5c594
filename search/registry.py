"""What search needs from the apps whose content it finds.

Search imports no feature app: each app registers a ``SearchSource`` from its
``AppConfig.ready`` (like ``notifications.registry``):

- ``key``: a plural name for the ``search_reindex`` summary ("threads");
- ``visible_q(user) -> Q``: a filter on ``search.models.Document`` that keeps this app's
  documents the member may find, built from the app's own ``visible_to`` rules (hidden,
  deleted and unpublished content is already left out by ``Document.is_public``);
- ``reindex() -> int``: writes every document of the app again through
  ``search.services`` (``index_thread``, ``index_resource``, ...) and returns how many items
  it indexed.

The app's services keep its documents in step as content changes, inside their own
transactions.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class SearchSource:
    key: str
    visible_q: Callable[[object], Q]
    reindex: Callable[[], int]
    order: int = 100


_sources: dict[str, SearchSource] = {}


def register(source: SearchSource) -> None:
    _sources[source.key] = source


def sources() -> list[SearchSource]:
    return sorted(_sources.values(), key=lambda source: (source.order, source.key))


# More text under which an item is found, beside its own (e.g. members' translations of a
# post): ``text(object_id) -> str`` per document kind, read whenever the item is indexed.
ExtraText = Callable[[int], str]

_extra_text: dict[str, list[ExtraText]] = {}


def register_extra_text(kind: str, text: ExtraText) -> None:
    _extra_text.setdefault(kind, []).append(text)


def extra_text(kind: str, object_id: int) -> str:
    return "\n\n".join(filter(None, (text(object_id) for text in _extra_text.get(kind, ()))))


# Results in the reader's language: ``localise(documents, language) -> {document id: Localised}``
# per source (members' translations), a fixed number of queries for a whole page. Only items
# the reader may find reach it, and it returns only shown text of those items.
@dataclass(frozen=True)
class Localised:
    title: str
    body: str
    language: str
    dir: str


Localiser = Callable[[list, str], dict[int, Localised]]

_localisers: list[Localiser] = []


def register_localiser(localiser: Localiser) -> None:
    if localiser not in _localisers:
        _localisers.append(localiser)


def localise(documents: list, language: str) -> dict[int, Localised]:
    found: dict[int, Localised] = {}
    for localiser in _localisers:
        for doc_id, localised in localiser(documents, language).items():
            found.setdefault(doc_id, localised)
    return found
