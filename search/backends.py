"""The full-text index next to ``search_document``: PostgreSQL's stored tsvector (GIN) or
SQLite's FTS5. Both answer the same questions: keep these documents indexed; how many
documents of each kind match; which page of matches comes next, best first.

Matching and scoring happen in one pass over the index (never one lookup per row), and the
member's visibility rules arrive as a subquery built by the ORM from the apps' own rules."""

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL

from . import text

# Relevance first, recency second: a match loses half its weight after about six months.
# Day granularity keeps scores stable while a member pages through results.
#
# The words this alliance uses most ("насилие", "violence") occur in a large share of all
# posts. Scoring every such match costs seconds on an archive of a million posts, so results
# are ranked among the RANK_WINDOW newest matches, and counts stop at COUNT_CAP. PostgreSQL
# then walks the created_at index for common words and the GIN index for rare ones.
RANK_WINDOW = 500
# Counting 10,000 matches of a common pair of words took 120 ms at a million posts (recheck of
# the lossy bitmap); the tabs say "1000+" instead (bench/README.md).
COUNT_CAP = 1_000

PG_QUERY = "websearch_to_tsquery('russian', %s)"
PG_SCORED = """
    SELECT m.id, m.kind,
           ts_rank_cd(d.search_vector, {query}) / (1 + (current_date - m.created_at::date) / 180.0) AS score
    FROM ({window}) AS m JOIN search_document d ON d.id = m.id
"""
SQLITE_SCORED = """
    SELECT m.id, m.kind,
           -m.fts_rank / (1 + (julianday(date('now')) - julianday(date(m.created_at))) / 180.0) AS score
    FROM ({window}) AS m
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


def _matching(visible: QuerySet, query: str) -> tuple[QuerySet, list] | None:
    """The visible documents that match ``query`` (the member's visibility rules stay in
    the same WHERE clause, so the planner can use the indexes), and the parameters the
    scoring SQL needs; None when the query has no searchable word."""
    terms = text.query_stems(query)
    if not terms:
        return None
    if is_postgres():
        # Only the words: operators typed by members (quotes, NEAR, parentheses) mean nothing
        # here, and both databases then match the same way (every word, in any form).
        search_text = " ".join(text.words(query)[: text.MAX_QUERY_WORDS * 2])
        matches = RawSQL(f"search_vector @@ {PG_QUERY}", [search_text], output_field=BooleanField())
        return visible.filter(matches), [search_text]
    match = " ".join(f'"{term}"*' for term in terms)
    # The inner join to the FTS5 table (aliased by its own name) lets MATCH and bm25() use it.
    matched = (
        visible.filter(full_text__isnull=False)
        .filter(RawSQL("search_fts MATCH %s", [match], output_field=BooleanField()))
        .annotate(fts_rank=RawSQL("bm25(search_fts, 4.0, 1.0)", [], output_field=FloatField()))
    )
    return matched, []


def counts(visible: QuerySet, query: str) -> dict[str, int] | None:
    """Matches per kind, counting at most COUNT_CAP; None when the query has no searchable word."""
    found = _matching(visible, query)
    if found is None:
        return None
    matched, _params = found
    sql, params = matched.order_by().values("kind")[:COUNT_CAP].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT kind, COUNT(*) FROM ({sql}) AS matches GROUP BY kind", params)
        return dict(cursor.fetchall())


def page(
    visible: QuerySet, query: str, *, kind: str = "", after: tuple[float, int] | None = None, size: int = 20
) -> list[tuple[int, float]]:
    """(document id, score) of the next ``size`` matches after ``after``, best first, ranked
    among the RANK_WINDOW newest matches."""
    found = _matching(visible, query)
    if found is None:
        return []
    matched, score_params = found
    if kind:
        matched = matched.filter(kind=kind)
    fields = ["id", "kind", "created_at"] + ([] if is_postgres() else ["fts_rank"])
    window = matched.order_by("-created_at", "-id").values(*fields)[:RANK_WINDOW]
    window_sql, window_params = window.query.sql_with_params()
    if is_postgres():
        scored = PG_SCORED.format(window=window_sql, query=PG_QUERY)
        params = [*score_params, *window_params]
    else:
        scored = SQLITE_SCORED.format(window=window_sql)
        params = list(window_params)
    where, extra = "", []
    if after is not None:
        where = "WHERE (score < %s OR (score = %s AND id < %s))"
        extra = [after[0], after[0], after[1]]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, score FROM ({scored}) AS ranked {where} ORDER BY score DESC, id DESC LIMIT %s",
            [*params, *extra, size],
        )
        return [(row[0], float(row[1])) for row in cursor.fetchall()]


def object_ids_matching(kind: str, query: str) -> RawSQL | None:
    """A subquery of the ids of ``kind`` objects whose document matches ``query``, for a list
    that applies its own visibility and ordering (the library's free-text filter)."""
    terms = text.query_stems(query)
    if not terms:
        return None
    if is_postgres():
        search_text = " ".join(text.words(query)[: text.MAX_QUERY_WORDS * 2])
        return RawSQL(
            f"SELECT d.object_id FROM search_document d WHERE d.kind = %s AND d.search_vector @@ {PG_QUERY}",
            [kind, search_text],
        )
    match = " ".join(f'"{term}"*' for term in terms)
    return RawSQL(
        "SELECT d.object_id FROM search_fts JOIN search_document d ON d.id = search_fts.rowid"
        " WHERE d.kind = %s AND search_fts MATCH %s",
        [kind, match],
    )
