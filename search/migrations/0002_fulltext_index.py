"""The full-text index, per database: a generated tsvector column with a GIN index on
PostgreSQL, an FTS5 table (holding stemmed text) on SQLite."""

from django.db import migrations

PG_FORWARD = """
ALTER TABLE search_document ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('russian', coalesce(title, '')), 'A') ||
    setweight(to_tsvector('russian', coalesce(left(body, 200000), '')), 'B') ||
    setweight(to_tsvector('russian', coalesce(left(extra_text, 300000), '')), 'C')
) STORED;
CREATE INDEX search_document_vector_idx ON search_document USING GIN (search_vector);
"""
PG_BACKWARD = """
DROP INDEX IF EXISTS search_document_vector_idx;
ALTER TABLE search_document DROP COLUMN IF EXISTS search_vector;
"""
SQLITE_FORWARD = "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(title, body, tokenize='unicode61 remove_diacritics 2')"
SQLITE_BACKWARD = "DROP TABLE IF EXISTS search_fts"


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD)


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
