"""The forum's part in members' rights: erasure and export (registered in ``ForumConfig.ready``)."""

from accounts.rights import ExportPart, iso, register_erasure, register_export

from .attachments import attachments_erase, attachments_export
from .erasure import forum_erase_for
from .models import CategoryWatch, Draft, Post, PostRevision, Thread, ThreadWatch
from .models import Reaction as ForumReaction


def forum_export(user) -> ExportPart:
    threads = [
        {
            "id": thread.pk,
            "title": thread.title,
            "url": thread.get_absolute_url(),
            "category": thread.category.slug,
            "content_warning": thread.content_warning,
            "created_at": iso(thread.created_at),
        }
        for thread in Thread.objects.filter(author=user).select_related("category").order_by("pk")
    ]
    revisions: dict[int, list] = {}
    for revision in PostRevision.objects.filter(post__author=user).order_by("post_id", "created_at", "id"):
        revisions.setdefault(revision.post_id, []).append(
            {"body": revision.body, "title": revision.title, "reason": revision.reason, "at": iso(revision.created_at)}
        )
    posts = [
        {
            "id": post.pk,
            "thread": post.thread_id,
            "thread_title": post.thread.title,
            "position": post.position,
            "body": post.body,
            "created_at": iso(post.created_at),
            "edited_at": iso(post.edited_at),
            "is_deleted": post.is_deleted,
            "is_hidden": post.is_hidden,
            "edit_history": revisions.get(post.pk, []),
        }
        for post in Post.objects.filter(author=user).select_related("thread").order_by("pk").iterator(2000)
    ]
    reactions = [
        {"post": post_id, "kind": kind, "at": iso(at)}
        for post_id, kind, at in ForumReaction.objects.filter(user=user)
        .order_by("pk")
        .values_list("post_id", "kind", "created_at")
    ]
    watches = {
        "threads": list(ThreadWatch.objects.filter(user=user).order_by("pk").values_list("thread_id", flat=True)),
        "categories": list(
            CategoryWatch.objects.filter(user=user).order_by("pk").values_list("category__slug", flat=True)
        ),
    }
    # The member's own unpublished text; a reply draft names its thread by id only, since
    # the member may since have lost access to it.
    drafts = [
        {
            "kind": draft.kind,
            "category": draft.category.slug if draft.category_id else None,
            "thread": draft.thread_id,
            "title": draft.title,
            "body": draft.body,
            "content_warning": draft.content_warning,
            "language": draft.language,
            "updated_at": iso(draft.updated_at),
        }
        for draft in Draft.objects.filter(author=user).select_related("category").order_by("pk")
    ]
    return ExportPart(
        {"threads": threads, "posts": posts, "reactions": reactions, "watches": watches, "drafts": drafts}
    )


def forum_erase(*, user, erase: bool) -> dict:
    counts = forum_erase_for(user=user, former_name="", erase=erase)
    # Drafts were never published: they go in both modes.
    counts["drafts"], _rows = Draft.objects.filter(author=user).delete()
    return counts


def register_rights() -> None:
    register_erasure("forum", forum_erase, order=10)
    register_export("forum", forum_export, order=10)
    register_erasure("forum_attachments", attachments_erase, order=11)
    register_export("forum_attachments", attachments_export, order=11)
