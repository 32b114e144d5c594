"""The full-text index next to ``search_document``: PostgreSQL's stored tsvector (GIN) or
SQLite's FTS5. Both answer the same two questions: keep these documents indexed, and which
documents match this query, with what score."""

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from . import text

# Relevance first, recency second: a match loses half its weight after about six months.
# Day granularity keeps the score stable while a member pages through results.
PG_QUERY = "websearch_to_tsquery('russian', %s)"
PG_AGE_DAYS = "(current_date - search_document.created_at::date)"
SQLITE_AGE_DAYS = "(julianday(date('now')) - julianday(date(search_document.created_at)))"


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def sync(documents) -> None:
    """Index (or re-index) saved documents. PostgreSQL computes its column itself."""
    if is_postgres() or not documents:
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT OR REPLACE INTO search_fts(rowid, title, body) VALUES (%s, %s, %s)",
            [(d.pk, text.stems(d.title), text.stems(f"{d.body}\n{d.extra_text}")) for d in documents],
        )


def remove(document_ids: list[int]) -> None:
    if is_postgres() or not document_ids:
        return
    with connection.cursor() as cursor:
        cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(i,) for i in document_ids])


def matching(queryset: QuerySet, query: str) -> tuple[QuerySet, RawSQL] | None:
    """``queryset`` narrowed to the documents matching ``query``, and the expression of each
    one's score; None when the query has no searchable word."""
    terms = text.query_stems(query)
    if not terms:
        return None
    if is_postgres():
        # Only the words: operators typed by members (quotes, NEAR, parentheses) mean nothing
        # here, and both databases then match the same way (every word, in any form).
        search_text = " ".join(text.words(query)[: text.MAX_QUERY_WORDS * 2])
        score = RawSQL(f"ts_rank_cd(search_vector, {PG_QUERY}) / (1 + {PG_AGE_DAYS} / 180.0)", [search_text])
        return queryset.extra(where=[f"search_vector @@ {PG_QUERY}"], params=[search_text]), score
    match = " ".join(f'"{term}"*' for term in terms)
    score = RawSQL(
        "(SELECT -bm25(search_fts, 4.0, 1.0) FROM search_fts WHERE search_fts MATCH %s AND rowid = search_document.id)"
        f" / (1 + {SQLITE_AGE_DAYS} / 180.0)",
        [match],
    )
    return queryset.filter(id__in=RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [match])), score
