from dataclasses import dataclass, field

from django.db.models import Count, Q

from chat.models import Room
from core.pagination import KeysetPage, keyset_page
from forum.models import Category

from . import backends, text
from .models import Document

MAX_QUERY_LENGTH = 200


@dataclass
class Result:
    document: Document
    snippet: str


@dataclass
class SearchResults:
    query: str
    terms: list[str] = field(default_factory=list)
    page: KeysetPage | None = None
    results: list[Result] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def searchable_by(user):
    """Everything a member may find: nothing hidden, deleted or unpublished, nothing from a
    category they cannot open, no message from a room they are not in. The rules are the
    forum's and chat's own (``visible_to``), not copies of them."""
    return Document.objects.filter(is_public=True).filter(
        Q(
            kind__in=[Document.Kind.THREAD, Document.Kind.POST],
            category_id__in=Category.objects.visible_to(user).values("pk"),
        )
        | Q(kind=Document.Kind.RESOURCE)
        | Q(kind=Document.Kind.MESSAGE, room_id__in=Room.objects.visible_to(user).values("pk"))
    )


def search(user, query: str, *, kind: str = "", cursor: str | None = None, size: int = 20) -> SearchResults:
    """Two queries: the count per kind, and one keyset page ranked by relevance and recency."""
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    found = backends.matching(searchable_by(user), query) if query else None
    if found is None:
        return SearchResults(query=query)
    matched, score = found
    counts = dict(matched.order_by().values_list("kind").annotate(n=Count("id")))
    if kind in Document.Kind.values:
        matched = matched.filter(kind=kind)
    page = keyset_page(matched.annotate(score=score), ordering=("-score", "-id"), cursor=cursor, size=size)
    terms = text.query_stems(query)
    results = [Result(document=d, snippet=text.snippet(d.body or d.extra_text or d.title, terms)) for d in page.items]
    return SearchResults(query=query, terms=terms, page=page, results=results, counts=counts)
