"""Keeping the search index in step with the content. Forum, library and chat services call
these inside their own transactions, so an edit, a hide or a delete is searchable (or gone)
at the same moment it is visible (or gone) on the page."""

from django.db import transaction

from core.mentions import mentions_as_text

from . import backends, selectors
from .models import Document
from .registry import extra_text

MAX_BODY = 200_000
Kind = Document.Kind


def _index_changed() -> None:
    # Now, for this transaction's own reads, and again after the commit, for a member who
    # counted in between (before the commit, so without the change) and kept that count.
    selectors.counts_changed()
    transaction.on_commit(selectors.counts_changed)


@transaction.atomic
def document_upsert(*, kind: str, object_id: int, **fields) -> Document:
    # Mentions are found and shown as people read them ("@Name"), not as their markup.
    fields["body"] = mentions_as_text(fields.get("body") or "")[:MAX_BODY]
    fields["title"] = (fields.get("title") or "")[:300]
    if "extra_text" in fields:
        fields["extra_text"] = (fields["extra_text"] or "")[: MAX_BODY + 100_000]
    document, _created = Document.objects.update_or_create(kind=kind, object_id=object_id, defaults=fields)
    backends.sync([document])
    _index_changed()
    return document


@transaction.atomic
def document_remove(*, kind: str, object_id: int) -> None:
    ids = list(Document.objects.filter(kind=kind, object_id=object_id).values_list("id", flat=True))
    Document.objects.filter(id__in=ids).delete()
    backends.remove(ids)
    _index_changed()


def _with_extra(kind: str, object_id: int, body: str) -> str:
    extra = extra_text(kind, object_id)
    return f"{body}\n\n{extra}" if extra else body


def index_thread(thread) -> None:
    """The thread's title, and the visibility of all its posts (moved, hidden, unhidden)."""
    document_upsert(
        kind=Kind.THREAD,
        object_id=thread.pk,
        title=thread.title,
        body="",
        url=thread.get_absolute_url(),
        category_id=thread.category_id,
        thread_id=thread.pk,
        is_public=not thread.is_hidden,
        content_warning=thread.content_warning,
        created_at=thread.created_at,
    )
    for post in thread.posts.all():
        index_post(post, thread=thread)


def index_post(post, *, thread=None) -> None:
    thread = thread or post.thread
    document_upsert(
        kind=Kind.POST,
        object_id=post.pk,
        title=thread.title,
        body="" if post.is_deleted else _with_extra(Kind.POST, post.pk, post.body),
        url=post.get_absolute_url(),
        category_id=thread.category_id,
        thread_id=thread.pk,
        is_public=not (post.is_deleted or post.is_hidden or thread.is_hidden),
        content_warning=thread.content_warning,
        created_at=post.created_at,
    )


def index_resource(resource, *, files_text: str | None = None) -> None:
    """A resource is found by its metadata and, once extracted, the text of its files
    (``files_text`` None keeps the text extracted earlier)."""
    extra = {} if files_text is None else {"extra_text": files_text}
    document_upsert(
        kind=Kind.RESOURCE,
        object_id=resource.pk,
        title=resource.title,
        body=_with_extra(Kind.RESOURCE, resource.pk, f"{resource.summary}\n\n{resource.description}"),
        **extra,
        url=resource.get_absolute_url(),
        is_public=resource.state == "published",
        content_warning=resource.content_warning,
        created_at=resource.published_at or resource.created_at,
    )


def index_message(message) -> None:
    deleted = bool(getattr(message, "is_deleted", False) or getattr(message, "deleted_at", None))
    document_upsert(
        kind=Kind.MESSAGE,
        object_id=message.pk,
        title=getattr(message.room, "name", ""),
        body="" if deleted else message.body,
        url=message.get_absolute_url(),
        room_id=message.room_id,
        is_public=not deleted,
        content_warning=getattr(message, "content_warning", "") or "",
        created_at=message.created_at,
    )


def remove_messages(message_ids: list[int]) -> None:
    """Retention: messages deleted in bulk leave the index in bulk."""
    ids = list(Document.objects.filter(kind=Kind.MESSAGE, object_id__in=message_ids).values_list("id", flat=True))
    Document.objects.filter(id__in=ids).delete()
    backends.remove(ids)
    _index_changed()
