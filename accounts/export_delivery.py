"""How members get their data archive: asked for on the data-rights page, built by a
background task into a private file, downloaded by its owner alone from a link on that page
until it expires.

Building an archive reads everything a member ever wrote and their uploads, so it never runs
inside a request: a request only asks for it (rate limited, `RATE_LIMITS["export"]`). The file
lives in the default storage under ``exports/<member id>/<token>.zip``, which is never served
as media: the download view finds it by the logged-in member's id, so a link works for its
owner only. Files older than ``DATA_EXPORT_HOURS`` are deleted the next time the member looks.
"""

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.http import content_disposition_header

from core.files.serving import signed_address
from core.ratelimit import rate_limited

from . import export
from .models import User

FOLDER = "exports"
TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")
# An archive still being built after this long has failed; the member may ask again.
PENDING_HOURS = 1


@dataclass(frozen=True)
class DataExport:
    token: str
    created_at: datetime
    expires_at: datetime
    ready: bool
    size: int = 0


def _hours() -> int:
    return int(getattr(settings, "DATA_EXPORT_HOURS", 48))


def _path(user_id: int, token: str, *, pending: bool = False) -> str:
    return f"{FOLDER}/{user_id}/{token}.{'pending' if pending else 'zip'}"


def data_exports_for(member: User) -> list[DataExport]:
    """The member's archives, newest first: ready ones until they expire, and those being built.
    Expired files are deleted on the way."""
    folder = f"{FOLDER}/{member.pk}"
    try:
        _dirs, names = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    now = timezone.now()
    found = []
    for name in names:
        token, _dot, suffix = name.partition(".")
        if not TOKEN_RE.match(token) or suffix not in ("zip", "pending"):
            continue
        path = f"{folder}/{name}"
        created = default_storage.get_modified_time(path)
        ready = suffix == "zip"
        lifetime = timedelta(hours=_hours() if ready else PENDING_HOURS)
        if created + lifetime <= now:
            default_storage.delete(path)
            continue
        size = default_storage.size(path) if ready else 0
        found.append(DataExport(token=token, created_at=created, expires_at=created + lifetime, ready=ready, size=size))
    return sorted(found, key=lambda item: item.created_at, reverse=True)


@rate_limited("export", user_arg="member")
def data_export_request(*, member: User) -> str:
    """Ask for an archive; it is built in the background after the request commits."""
    from .tasks import data_export_build

    token = secrets.token_hex(16)
    default_storage.save(_path(member.pk, token, pending=True), ContentFile(b""))
    transaction.on_commit(lambda: data_export_build.enqueue(member.pk, token))
    return token


def data_export_build(*, user_id: int, token: str) -> bool:
    """Write the member's archive to its private file (run by the task)."""
    pending = _path(user_id, token, pending=True)
    member = User.objects.filter(pk=user_id).first()
    try:
        if member is None or not default_storage.exists(pending):
            return False  # the account was deleted, or the request expired meanwhile
        default_storage.save(_path(user_id, token), ContentFile(export.export_zip(member)))
        return True
    finally:
        default_storage.delete(pending)


def data_export_ready(*, member: User, token: str) -> bool:
    """Whether the member has a finished, unexpired archive with this token."""
    if not getattr(member, "is_authenticated", False) or not TOKEN_RE.match(token or ""):
        return False
    return any(item.token == token and item.ready for item in data_exports_for(member))


def data_export_open(*, member: User, token: str):
    """The member's own ready archive, opened for reading, or Http404."""
    if not data_export_ready(member=member, token=token):
        raise Http404
    return default_storage.open(_path(member.pk, token), "rb")


def data_export_address(*, member: User, filename: str, token: str) -> str | None:
    """A short-lived signed address of the member's own ready archive in object storage, saved
    as ``filename``; None when the archive is served from this site (files on disk); Http404
    when there is no such archive."""
    if not data_export_ready(member=member, token=token):
        raise Http404
    return signed_address(
        default_storage,
        _path(member.pk, token),
        disposition=content_disposition_header(True, filename),
        content_type="application/zip",
    )


def data_archives_erase(*, user: User, erase: bool) -> dict:
    """Account deletion step (``accounts.rights``): the member's archives go with the account,
    once the deletion has committed."""
    user_id = user.pk
    transaction.on_commit(lambda: _folder_delete(user_id))
    return {}


def _folder_delete(user_id: int) -> None:
    folder = f"{FOLDER}/{user_id}"
    try:
        _dirs, names = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in names:
        default_storage.delete(f"{folder}/{name}")
