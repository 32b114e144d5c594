"""What members' rights to leave and to take their data need from each app.

Accounts imports no feature app: each app registers its steps here from its
``AppConfig.ready`` (like ``notifications.registry``), and ``accounts.deletion`` and
``accounts.export`` run every registered step.

An app that keeps anything a member wrote or chose registers:

- ``register_erasure(key, erase, order=)``: ``erase(*, user, erase: bool) -> dict`` runs inside
  the account deletion's transaction, before the account row goes. It anonymises what others
  still read (or, with ``erase``, also replaces the text) and removes what belongs to the
  member alone; it returns counts for the audit entry (``{"forum_posts": 3}``).
- ``register_export(key, collect, order=)``: ``collect(user) -> ExportPart`` returns the
  member's own data as JSON-ready values, under ``key`` in ``data.json``, and the uploaded
  files to put in the archive as ``(entry, FileVersion-like)`` pairs (``entry`` is the dict
  in ``data`` describing the file; the archive writes where it put the file into
  ``entry["in_archive"]``). Never another member's words or email address.

``order`` fixes the sequence (and the order of the keys in ``data.json``).
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class ExportPart:
    data: object
    files: list = field(default_factory=list)


@dataclass(frozen=True)
class _Step:
    key: str
    run: Callable
    order: int


_erasure: dict[str, _Step] = {}
_export: dict[str, _Step] = {}


def register_erasure(key: str, erase: Callable[..., dict], *, order: int = 100) -> None:
    _erasure[key] = _Step(key, erase, order)


def register_export(key: str, collect: Callable[[object], ExportPart], *, order: int = 100) -> None:
    _export[key] = _Step(key, collect, order)


def erasure_steps() -> list[_Step]:
    return sorted(_erasure.values(), key=lambda step: (step.order, step.key))


def export_steps() -> list[_Step]:
    return sorted(_export.values(), key=lambda step: (step.order, step.key))


def iso(value):
    """Dates in exports: ISO 8601, or ``None``."""
    return value.isoformat() if value else None


@dataclass(frozen=True)
class StoredFile:
    """What the archive writer reads of an uploaded file. ``pk`` names it in the archive, so it
    carries the feature's prefix: a forum and a chat upload may share an id."""

    pk: str
    original_name: str
    content: object
    size: int


def uploads_export(uploads, *, prefix: str, linked_to: str) -> ExportPart:
    """A member's uploads (forum, chat) in their archive: an entry each, naming the post or
    message it belongs to (``linked_to``), and its file."""
    entries, files = [], []
    for upload in uploads:
        entry = {
            "id": upload.pk,
            "name": upload.original_name,
            "kind": upload.kind,
            "size": upload.size,
            linked_to: getattr(upload, f"{linked_to}_id"),
            "created_at": iso(upload.created_at),
        }
        entries.append(entry)
        files.append((entry, StoredFile(f"{prefix}-{upload.pk}", upload.original_name, upload.file, upload.size)))
    return ExportPart(entries, files)


def uploads_erase(uploads) -> int:
    """Delete uploads one by one, so that each one's files leave the storage with it."""
    count = 0
    for upload in uploads.iterator():
        upload.delete()
        count += 1
    return count
