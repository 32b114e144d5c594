"""The full-text index next to ``search_document``: PostgreSQL's stored tsvector (GIN) or
SQLite's FTS5. Both answer the same questions: keep these documents indexed; how many
documents of each kind match; which page of matches comes next, best first.

Matching and scoring happen in one pass over the index (never one lookup per row), and the
member's visibility rules arrive as a subquery built by the ORM from the apps' own rules."""

from django.db import connection
from django.db.models import QuerySet

from . import text

# Relevance first, recency second: a match loses half its weight after about six months.
# Day granularity keeps scores stable while a member pages through results.
PG_MATCHES = """
    SELECT d.id, d.kind,
           ts_rank_cd(d.search_vector, q.query) / (1 + (current_date - d.created_at::date) / 180.0) AS score
    FROM search_document d, websearch_to_tsquery('russian', %s) AS q(query)
    WHERE d.search_vector @@ q.query AND d.id IN ({visible})
"""
SQLITE_MATCHES = """
    SELECT d.id, d.kind,
           -bm25(search_fts, 4.0, 1.0) / (1 + (julianday(date('now')) - julianday(date(d.created_at))) / 180.0) AS score
    FROM search_fts JOIN search_document d ON d.id = search_fts.rowid
    WHERE search_fts MATCH %s AND d.id IN ({visible})
"""


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


def _matches_sql(visible: QuerySet, query: str) -> tuple[str, list] | None:
    terms = text.query_stems(query)
    if not terms:
        return None
    visible_sql, visible_params = visible.values("id").query.sql_with_params()
    if is_postgres():
        # Only the words: operators typed by members (quotes, NEAR, parentheses) mean nothing
        # here, and both databases then match the same way (every word, in any form).
        search_text = " ".join(text.words(query)[: text.MAX_QUERY_WORDS * 2])
        return PG_MATCHES.format(visible=visible_sql), [search_text, *visible_params]
    match = " ".join(f'"{term}"*' for term in terms)
    return SQLITE_MATCHES.format(visible=visible_sql), [match, *visible_params]


def counts(visible: QuerySet, query: str) -> dict[str, int] | None:
    """Matches per kind; None when the query has no searchable word."""
    found = _matches_sql(visible, query)
    if found is None:
        return None
    sql, params = found
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT kind, COUNT(*) FROM ({sql}) AS matches GROUP BY kind", params)
        return dict(cursor.fetchall())


def page(
    visible: QuerySet, query: str, *, kind: str = "", after: tuple[float, int] | None = None, size: int = 20
) -> list[tuple[int, float]]:
    """(document id, score) of the next ``size`` matches after ``after``, best first."""
    found = _matches_sql(visible, query)
    if found is None:
        return []
    sql, params = found
    conditions, extra = [], []
    if kind:
        conditions.append("kind = %s")
        extra.append(kind)
    if after is not None:
        conditions.append("(score < %s OR (score = %s AND id < %s))")
        extra.extend([after[0], after[0], after[1]])
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, score FROM ({sql}) AS matches {where} ORDER BY score DESC, id DESC LIMIT %s",
            [*params, *extra, size],
        )
        return [(row[0], float(row[1])) for row in cursor.fetchall()]
