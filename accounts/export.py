"""Members' right to their data: one ZIP with everything the member wrote or chose.

Only the member's own data goes in: their profile, what they wrote (with its edit history),
their reactions, watches, room memberships and preferences. Other members appear by display
name at most (a thread's title, a room's name), never with an email address or their messages.
The archive is built in memory on request; the uploaded files are included while their total
stays under ``MAX_FILES_BYTES`` (above it the archive lists them with their metadata only).
"""

import io
import json
import zipfile

from django.core.files.storage import default_storage
from django.utils import timezone

from chat.models import Message, RoomMember
from chat.models import Reaction as ChatReaction
from forum.models import CategoryWatch, Post, PostRevision, Thread, ThreadWatch
from forum.models import Reaction as ForumReaction
from moderation.models import Report
from notifications.models import Preference
from resources.models import FileVersion, Resource

from .models import User

MAX_FILES_BYTES = 50 * 1024 * 1024


def _iso(value):
    return value.isoformat() if value else None


def _profile(user: User) -> dict:
    return {
        "id": user.pk,
        "email": user.email,
        "display_name": user.display_name,
        "organisation": user.organisation,
        "country": user.country.slug if user.country_id else None,
        "role_in_organisation": user.role_in_organisation,
        "bio": user.bio,
        "languages": [str(language) for language in user.languages.all()],
        "expertise": [str(theme) for theme in user.expertise.all()],
        "show_organisation": user.show_organisation,
        "show_country": user.show_country,
        "show_presence": user.show_presence,
        "light_mode": user.light_mode,
        "email_content_opt_in": user.email_content_opt_in,
        "ui_language": user.ui_language,
        "role": user.role,
        "status": user.status,
        "motivation": user.motivation,
        "status_reason": user.status_reason,
        "date_joined": _iso(user.date_joined),
        "approved_at": _iso(user.approved_at),
    }


def _forum(user: User) -> dict:
    threads = [
        {
            "id": thread.pk,
            "title": thread.title,
            "url": thread.get_absolute_url(),
            "category": thread.category.slug,
            "content_warning": thread.content_warning,
            "created_at": _iso(thread.created_at),
        }
        for thread in Thread.objects.filter(author=user).select_related("category").order_by("pk")
    ]
    revisions: dict[int, list] = {}
    for revision in PostRevision.objects.filter(post__author=user).order_by("post_id", "created_at", "id"):
        revisions.setdefault(revision.post_id, []).append(
            {"body": revision.body, "title": revision.title, "reason": revision.reason, "at": _iso(revision.created_at)}
        )
    posts = [
        {
            "id": post.pk,
            "thread": post.thread_id,
            "thread_title": post.thread.title,
            "position": post.position,
            "body": post.body,
            "created_at": _iso(post.created_at),
            "edited_at": _iso(post.edited_at),
            "is_deleted": post.is_deleted,
            "is_hidden": post.is_hidden,
            "edit_history": revisions.get(post.pk, []),
        }
        for post in Post.objects.filter(author=user).select_related("thread").order_by("pk").iterator(2000)
    ]
    reactions = [
        {"post": post_id, "kind": kind, "at": _iso(at)}
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
    return {"threads": threads, "posts": posts, "reactions": reactions, "watches": watches}


def _chat(user: User) -> dict:
    # Only the member's own messages: what others wrote, even to them, is theirs.
    messages = [
        {
            "id": message.pk,
            "room": message.room.slug,
            "room_name": message.room.name,
            "seq": message.seq,
            "body": message.body,
            "created_at": _iso(message.created_at),
            "edited_at": _iso(message.edited_at),
            "deleted_at": _iso(message.deleted_at),
        }
        for message in Message.objects.filter(sender=user).select_related("room").order_by("pk").iterator(2000)
    ]
    reactions = [
        {"message": message_id, "emoji": emoji, "at": _iso(at)}
        for message_id, emoji, at in ChatReaction.objects.filter(user=user)
        .order_by("pk")
        .values_list("message_id", "emoji", "created_at")
    ]
    rooms = [
        {"room": slug, "role": role, "muted_until": _iso(muted)}
        for slug, role, muted in RoomMember.objects.filter(user=user, is_participant=True)
        .order_by("pk")
        .values_list("room__slug", "role", "muted_until")
    ]
    return {"messages": messages, "reactions": reactions, "rooms": rooms}


def _resources(user: User) -> tuple[list, list]:
    resources = []
    files = []
    versions = FileVersion.objects.filter(file__resource__uploader=user).select_related("file").order_by("pk")
    by_resource: dict[int, list] = {}
    for version in versions:
        entry = {
            "file": version.file.label,
            "version": version.number,
            "name": version.original_name,
            "content_type": version.content_type,
            "size": version.size,
            "sha256": version.sha256,
            "metadata_stripped": version.metadata_stripped,
            "uploaded_at": _iso(version.created_at),
            "in_archive": None,
        }
        by_resource.setdefault(version.file.resource_id, []).append(entry)
        files.append((entry, version))
    for resource in Resource.objects.filter(uploader=user).order_by("pk"):
        resources.append(
            {
                "id": resource.pk,
                "title": resource.title,
                "summary": resource.summary,
                "description": resource.description,
                "state": resource.state,
                "year": resource.year,
                "publisher": resource.publisher,
                "licence": resource.licence,
                "content_warning": resource.content_warning,
                "external_url": resource.external_url,
                "created_at": _iso(resource.created_at),
                "published_at": _iso(resource.published_at),
                "files": by_resource.get(resource.pk, []),
            }
        )
    return resources, files


def _reports(user: User) -> list:
    # The member's own words only; the snapshot of the reported content is someone else's.
    return [
        {"reason": reason, "note": note, "state": state, "url": url, "created_at": _iso(at)}
        for reason, note, state, url, at in Report.objects.filter(reporter=user)
        .order_by("pk")
        .values_list("reason", "note", "state", "target_url", "created_at")
    ]


def export_data(user: User) -> tuple[dict, list]:
    """The member's data as a JSON-ready dict, and (entry, FileVersion) pairs of their uploads."""
    resources, files = _resources(user)
    data = {
        "exported_at": _iso(timezone.now()),
        "profile": _profile(user),
        "forum": _forum(user),
        "chat": _chat(user),
        "resources": resources,
        "reports_made": _reports(user),
        "notification_preferences": dict(
            Preference.objects.filter(user=user).order_by("kind").values_list("kind", "delivery")
        ),
    }
    return data, files


def export_zip(user: User) -> bytes:
    data, files = export_data(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        total = 0
        for entry, version in files:
            if total + version.size > MAX_FILES_BYTES:
                entry["in_archive"] = None
                continue
            arcname = f"files/{version.pk}-{_safe_name(version.original_name)}"
            try:
                with default_storage.open(version.content.name, "rb") as handle:
                    archive.writestr(arcname, handle.read())
            except OSError:
                continue
            total += version.size
            entry["in_archive"] = arcname
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
    return buffer.getvalue()


def _safe_name(name: str) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in name)
    return cleaned.strip("._")[:100] or "file"
