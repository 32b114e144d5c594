"""Uploads that survive a dropped connection.

A large file is sent in pieces: the browser announces it (name and size), then sends each
piece with the offset it starts at. After a dropped connection it asks how much arrived and
goes on from there, on the same page or after choosing the same file again. The finished
upload is claimed by the library's forms, which inspect it by its content exactly like a file
posted whole; nothing here decides what the library accepts beyond refusing early what the
inspection would refuse anyway.

Pieces are kept through the storage API, one stored file per piece named by its offset, so that
they work the same on disk and in object storage (which cannot write into the middle of a file),
and any web process on any machine can take the next piece. A claimed upload is put together in
a temporary file of the process that claims it.
"""

import contextlib
import re
import tempfile
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.files.inspection import check_name, check_start, extension_of, too_large_message
from core.ratelimit import check_and_spend

from .models import PartialUpload
from .permissions import can_submit

# One member's unfinished uploads at a time: enough for a resource's files, not a disk filler.
MAX_OPEN_PER_MEMBER = 20
# A piece may not be larger than this, whatever the browser was told.
MAX_CHUNK_BYTES = 8 * 1024 * 1024


class OffsetMismatch(Exception):
    """The piece does not start where the upload stands; the browser asks again and resumes."""

    def __init__(self, offset: int):
        self.offset = offset
        super().__init__(offset)


def expiry_cutoff():
    return timezone.now() - timedelta(hours=settings.UPLOAD_PARTIAL_HOURS)


def open_uploads_of(owner):
    """The member's uploads that can still be resumed or claimed."""
    return PartialUpload.objects.filter(owner=owner, updated_at__gte=expiry_cutoff())


def upload_for(owner, upload_id) -> PartialUpload | None:
    """Only the member who started an upload can see, continue or claim it."""
    return open_uploads_of(owner).filter(pk=upload_id).first()


def claimable_uploads(owner):
    return open_uploads_of(owner).filter(received=F("size"))


def _storage() -> Storage:
    """Where pieces wait: UPLOAD_PARTIAL_ROOT on disk if set, else the media storage."""
    root = settings.UPLOAD_PARTIAL_ROOT
    return FileSystemStorage(location=root) if root else default_storage


def _folder(upload_id) -> str:
    return str(upload_id) if settings.UPLOAD_PARTIAL_ROOT else f"partial/{upload_id}"


def _piece_name(upload_id, offset: int) -> str:
    return f"{_folder(upload_id)}/{offset:012d}.part"


def _pieces_remove(upload_id) -> None:
    storage = _storage()
    try:
        _dirs, names = storage.listdir(_folder(upload_id))
    except FileNotFoundError:
        return
    for name in names:
        storage.delete(f"{_folder(upload_id)}/{name}")


def stored_pieces(upload_id) -> list[str]:
    """The names of the pieces stored for an upload (for the cleanup and the tests)."""
    try:
        return sorted(_storage().listdir(_folder(upload_id))[1])
    except FileNotFoundError:
        return []


def upload_start(*, owner, name: str, size) -> PartialUpload:
    if not can_submit(owner):
        raise ValidationError(_("You cannot upload files."), code="forbidden")
    clean = check_name(name or "")[0]
    try:
        size = int(size)
    except (TypeError, ValueError):
        size = -1
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size < 0:
        raise ValidationError(_("The file size is missing."), code="size")
    if size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(too_large_message(clean), code="too_large")
    check_and_spend("upload", owner.pk)
    expired_remove(owner=owner)
    if open_uploads_of(owner).count() >= MAX_OPEN_PER_MEMBER:
        raise ValidationError(
            _("You have too many unfinished uploads. Finish or cancel some, or wait a day."), code="too_many"
        )
    return PartialUpload.objects.create(owner=owner, name=clean, size=size)


def upload_append(*, owner, upload_id, offset, stream, length) -> PartialUpload:
    """Write one piece at ``offset``. A piece that does not start where the upload stands is
    refused with ``OffsetMismatch`` (the browser resumes from the stored offset), so a piece
    sent twice after a dropped connection is never written twice."""
    try:
        offset, length = int(offset), int(length)
    except (TypeError, ValueError):
        raise ValidationError(_("The upload request is incomplete. Please try again."), code="bad_request") from None
    if length <= 0 or length > MAX_CHUNK_BYTES:
        raise ValidationError(_("The upload request is incomplete. Please try again."), code="bad_request")
    with transaction.atomic():
        # The row lock orders two pieces sent at once for the same upload.
        upload = open_uploads_of(owner).select_for_update().filter(pk=upload_id).first()
        if upload is None:
            raise PartialUpload.DoesNotExist
        if offset != upload.received:
            raise OffsetMismatch(upload.received)
        if offset + length > upload.size:
            raise ValidationError(too_large_message(upload.name), code="too_large")
        data = stream.read(length)
        if len(data) != length:
            raise ValidationError(_("The upload request is incomplete. Please try again."), code="bad_request")
        if offset == 0:
            check_start(data[:64], extension_of(upload.name))
        # A piece stored at this offset is from a request whose row update never committed:
        # it is replaced. The row lock keeps anyone else from writing here meanwhile.
        storage, name = _storage(), _piece_name(upload.pk, offset)
        storage.delete(name)
        if storage.save(name, ContentFile(data)) != name:
            raise ValidationError(_("The upload request is incomplete. Please try again."), code="bad_request")
        upload.received = offset + length
        upload.save(update_fields=["received", "updated_at"])
    return upload


def upload_cancel(*, owner, upload_id) -> bool:
    upload = upload_for(owner, upload_id)
    if upload is None:
        return False
    upload.delete()
    return True


def _expired(upload: PartialUpload) -> ValidationError:
    return ValidationError(
        _("%(name)s: the upload has expired. Please choose the file again.") % {"name": upload.name},
        code="expired",
    )


def upload_open(upload: PartialUpload, *, limit: int | None = None):
    """The bytes received so far (or the first ``limit`` of them), put together from the stored
    pieces in a temporary file, open at its start; ValidationError when pieces are missing."""
    storage, wanted = _storage(), upload.received if limit is None else min(limit, upload.received)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - returned open, closed by the caller
    offset = 0
    try:
        while offset < wanted:
            try:
                with storage.open(_piece_name(upload.pk, offset), "rb") as piece:
                    data = piece.read()
            except FileNotFoundError:
                raise _expired(upload) from None
            if not data:
                raise _expired(upload)
            handle.write(data)
            offset += len(data)
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    return handle


@contextlib.contextmanager
def claimed(uploads):
    """Open finished uploads as files for the library's services. When the block succeeds they
    are removed; when it raises, they stay, so the member can correct the form without sending
    the files again."""
    uploads = list(uploads)
    files = []
    try:
        for upload in uploads:
            files.append(_FinishedUpload(upload_open(upload), upload))
        yield files
    finally:
        for item in files:
            item.close()
    PartialUpload.objects.filter(pk__in=[upload.pk for upload in uploads]).delete()


class _FinishedUpload(File):
    """A finished upload, read up to the size it was announced with."""

    def __init__(self, handle, upload: PartialUpload):
        super().__init__(handle, name=upload.name)
        self._limit = upload.size

    @property
    def size(self):
        return self._limit

    def read(self, n=-1):
        left = self._limit - self.file.tell()
        if left <= 0:
            return b""
        return self.file.read(left if n is None or n < 0 else min(n, left))


def expired_remove(*, owner=None) -> int:
    """Delete unfinished uploads nobody touched for ``UPLOAD_PARTIAL_HOURS``."""
    stale = PartialUpload.objects.filter(updated_at__lt=expiry_cutoff())
    if owner is not None:
        stale = stale.filter(owner=owner)
    # The delete signal removes each one's stored pieces.
    count, _deleted = stale.delete()
    return count


_UPLOAD_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def orphans_remove() -> int:
    """Delete stored pieces whose upload row is gone (a crash between the two)."""
    storage, root = _storage(), _folder("").rstrip("/")
    try:
        folders, names = storage.listdir(root)
    except FileNotFoundError:
        return 0
    known = {str(pk) for pk in PartialUpload.objects.values_list("pk", flat=True)}
    removed = 0
    # Whole files of the earlier layout (one "<id>.part" per upload), never resumed since.
    for name in names:
        if name.endswith(".part"):
            storage.delete(f"{root}/{name}" if root else name)
            removed += 1
    for folder in folders:
        if _UPLOAD_ID.match(folder) and folder not in known:
            removed += len(stored_pieces(folder))
            _pieces_remove(folder)
    return removed


def stored_file_remove(upload: PartialUpload) -> None:
    """Called when an upload row is deleted, by a service, a cascade or the cleanup."""
    upload_id = upload.pk
    transaction.on_commit(lambda: _pieces_remove(upload_id))
