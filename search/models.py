from django.db import models
from django.utils.translation import gettext_lazy as _

from core.content_warning import CONTENT_WARNING_MAX_LENGTH


class Document(models.Model):
    """One searchable item: a thread title, a post, a resource (with its files' text) or a
    chat message, with the keys that decide who may find it.

    The full-text index lives beside this table and is managed by ``search.backends``: a
    generated, GIN-indexed ``tsvector`` column on PostgreSQL, an FTS5 table on SQLite."""

    class Kind(models.TextChoices):
        THREAD = "thread", _("Forum threads")
        POST = "post", _("Forum posts")
        RESOURCE = "resource", _("Library")
        MESSAGE = "message", _("Chat")

    kind = models.CharField(max_length=16, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    # Visibility: forum items by category, chat messages by room; only public items match.
    category_id = models.PositiveBigIntegerField(null=True, blank=True)
    thread_id = models.PositiveBigIntegerField(null=True, blank=True)
    room_id = models.PositiveBigIntegerField(null=True, blank=True)
    is_public = models.BooleanField(default=True)
    title = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    # Text extracted from attached files (library), indexed with the body.
    extra_text = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    content_warning = models.CharField(max_length=CONTENT_WARNING_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique_object")]
        indexes = [
            models.Index(fields=["kind", "category_id"]),
            models.Index(fields=["room_id"]),
            models.Index(fields=["thread_id"]),
            # Ranking walks the newest matches first (see backends.RANK_WINDOW).
            models.Index(fields=["-created_at", "-id"], name="search_document_recent"),
        ]

    def __str__(self):
        return f"{self.kind}:{self.object_id}"


class FullTextRow(models.Model):
    """SQLite's FTS5 table (``search_fts``, made by migration 0002 on SQLite only): its rowid is
    the document's id. Declared so that ``search.backends`` can join it through the ORM; written
    only by ``search.backends`` and never queried on PostgreSQL."""

    document = models.OneToOneField(
        Document, primary_key=True, db_column="rowid", on_delete=models.DO_NOTHING, related_name="full_text"
    )

    class Meta:
        managed = False
        db_table = "search_fts"

    def __str__(self):
        return f"full text of {self.document_id}"
