import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db.models import Q

from core.cache import VersionedCache
from core.pagination import KeysetPage, decode_cursor, encode_cursor

from . import backends, registry, text
from .models import Document

MAX_QUERY_LENGTH = 200

# Matches per kind, per member and query: paging through the results or switching the kind
# tab asks for the same counts again. Any write to the index makes them stale at once
# (``counts_changed``, after the write's commit); a change of the member's access that
# leaves their visibility query's text unchanged (a room joined) shows within a minute.
# Only the numbers are kept: the results themselves are queried on every request.
_counts = VersionedCache("search:counts", timeout=60)


def counts_changed() -> None:
    _counts.invalidate()


def _counts_for(user, visible, query: str) -> dict[str, int] | None:
    try:
        scope = str(visible.query)
    except EmptyResultSet:  # nothing at all is visible to this member
        return backends.counts(visible, query)
    part = hashlib.sha256(repr((getattr(user, "pk", None), query, scope, backends.COUNT_CAP)).encode()).hexdigest()[:40]
    return _counts.get_or_compute(part, lambda: backends.counts(visible, query))


@dataclass
class Result:
    document: Document
    snippet: str
    # The title and excerpt in the reader's language, from a members' translation.
    translation: registry.Localised | None = None

    @property
    def title(self) -> str:
        return self.translation.title if self.translation and self.translation.title else self.document.title


@dataclass
class SearchResults:
    query: str
    terms: list[str] = field(default_factory=list)
    page: KeysetPage | None = None
    results: list[Result] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def counts_capped(self) -> bool:
        """Counting stopped at backends.COUNT_CAP: each count is then a lower bound."""
        return sum(self.counts.values()) >= backends.COUNT_CAP


def searchable_by(user):
    """Everything a member may find: nothing hidden, deleted or unpublished, nothing from a
    category they cannot open, no message from a room they are not in. The rules are each
    app's own (``visible_to``, registered in ``search.registry``), not copies of them."""
    visible = Q(pk__in=[])
    for source in registry.sources():
        visible |= source.visible_q(user)
    return Document.objects.filter(is_public=True).filter(visible)


def search(
    user, query: str, *, kind: str = "", cursor: str | None = None, size: int = 20, language: str = ""
) -> SearchResults:
    """Three queries whatever the archive's size: matches per kind, one page of matches
    ranked by relevance and recency, and those documents; with ``language``, at most two more
    for the page's translations into it (``registry.localise``)."""
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    visible = searchable_by(user)
    counts = _counts_for(user, visible, query) if query else None
    if counts is None:
        return SearchResults(query=query)
    kind = kind if kind in Document.Kind.values else ""
    raw_after = decode_cursor(cursor, 2) if cursor else None
    after = (
        (float(raw_after[0]), int(raw_after[1]))
        if raw_after and all(isinstance(v, (int, float)) for v in raw_after)
        else None
    )
    rows = backends.page(visible, query, kind=kind, after=after, size=size + 1)
    documents = Document.objects.in_bulk([doc_id for doc_id, _score in rows[:size]])
    terms = text.query_stems(query)
    shown = [documents[doc_id] for doc_id, _score in rows[:size] if doc_id in documents]
    localised = registry.localise(shown, language) if language and shown else {}
    results = [_result(document, terms, localised.get(document.pk)) for document in shown]
    next_cursor = encode_cursor([rows[size - 1][1], rows[size - 1][0]]) if len(rows) > size else None
    page = KeysetPage(items=results, next_cursor=next_cursor, has_previous=after is not None)
    return SearchResults(query=query, terms=terms, page=page, results=results, counts=counts)


def _result(document: Document, terms: list[str], translation: registry.Localised | None) -> Result:
    # A reply translated under an untranslated title, or the reverse: each part on its own.
    excerpt = text.snippet(translation.body, terms) if translation and translation.body else _snippet(document, terms)
    return Result(document=document, snippet=excerpt, translation=translation)


def _snippet(document: Document, terms: list[str]) -> str:
    return text.snippet(document.body or document.extra_text or document.title, terms)
