"""Serving stored files: always as attachments the browser will not run, with single-range
support so an interrupted download on a slow connection can resume.

The caller checks access on every request; only then is the transfer handed over:
- ``MEDIA_SIGNED_URL_SECONDS`` (60 by default with object storage, ``MEDIA_S3_BUCKET``): a
  redirect to a signed address of the private bucket that expires after so many seconds and
  makes the storage answer with the same neutral file name, type and no-store header;
- ``RESOURCES_X_ACCEL_PREFIX`` (e.g. "/protected-media/", files on disk): nginx
  ``X-Accel-Redirect`` to an ``internal`` location that maps to MEDIA_ROOT.
Pictures shown inside pages (thumbnails, preview pages) are always streamed from here, since the
pages' Content-Security-Policy admits images from this site alone."""

import re

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header

RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")
DOWNLOAD_CSP = "default-src 'none'; sandbox"


def _parse_range(header: str, size: int) -> tuple[int, int] | None | bool:
    """(start, end) for one satisfiable range, None to ignore the header, False if unsatisfiable."""
    match = RANGE_RE.match(header.strip())
    if not match or not any(match.groups()):
        return None  # several ranges or a malformed header: send the whole file
    first, last = match.groups()
    if first == "":
        length = int(last)
        if length == 0:
            return False
        return max(size - length, 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or start > end:
        return False
    return start, end


class _RangeFile:
    """Reads ``length`` bytes of ``handle`` from where it was positioned."""

    def __init__(self, handle, length):
        self.handle, self.left = handle, length

    def read(self, size=-1):
        if self.left <= 0:
            return b""
        size = self.left if size is None or size < 0 else min(size, self.left)
        chunk = self.handle.read(size)
        self.left -= len(chunk)
        return chunk

    def close(self):
        self.handle.close()


def _secure(response, *, attachment_name: str | None):
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    if attachment_name is not None:
        response["Content-Disposition"] = content_disposition_header(True, attachment_name)
    return response


def signed_address(storage, name: str, *, disposition: str, content_type: str) -> str | None:
    """A short-lived signed address of the file ``name`` in ``storage`` that downloads as
    ``disposition`` (a Content-Disposition value) and ``content_type``, or None when this site
    sends its files itself (the local filesystem)."""
    seconds = getattr(settings, "MEDIA_SIGNED_URL_SECONDS", 0)
    if not seconds:
        return None
    return storage.url(
        name,
        parameters={
            "ResponseContentDisposition": disposition,
            "ResponseContentType": content_type,
            "ResponseCacheControl": "private, no-store",
        },
        expire=seconds,
    )


def handed_off(url: str) -> HttpResponse:
    """The redirect to a signed address: neither it nor its address is kept by any cache, and the
    storage is not told which page of the hub the member came from."""
    response = _secure(HttpResponseRedirect(url), attachment_name=None)
    response["Referrer-Policy"] = "no-referrer"
    return response


def file_response(request, version, *, thumbnail: bool = False, attachment_name: str | None = None):
    """``attachment_name`` replaces the file's original name in the download (discreet mode)."""
    if thumbnail:
        if not version.thumbnail:
            raise Http404
        handle = version.thumbnail.open("rb")
        response = FileResponse(handle, content_type="image/png")
        return _secure(response, attachment_name=None)

    attachment_name = attachment_name or version.original_name
    # Object storage (django-storages S3 and compatible) sends the bytes itself, ranges included,
    # through a short-lived signed address that carries the same download headers.
    url = signed_address(
        version.content.storage,
        version.content.name,
        disposition=content_disposition_header(True, attachment_name),
        content_type=version.content_type,
    )
    if url is not None:
        return handed_off(url)

    prefix = getattr(settings, "RESOURCES_X_ACCEL_PREFIX", "")
    if prefix:
        # The reverse proxy sends the bytes (and handles ranges); access was checked here.
        response = HttpResponse(content_type=version.content_type)
        response["X-Accel-Redirect"] = f"{prefix.rstrip('/')}/{version.content.name}"
        return _secure(response, attachment_name=attachment_name)

    size = version.size
    handle = version.content.open("rb")
    requested = _parse_range(request.headers.get("Range", ""), size) if request.headers.get("Range") else None
    if requested is False:
        handle.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return _secure(response, attachment_name=None)
    if requested:
        start, end = requested
        handle.seek(start)
        response = FileResponse(_RangeFile(handle, end - start + 1), content_type=version.content_type, status=206)
        response["Content-Length"] = str(end - start + 1)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    else:
        response = FileResponse(handle, content_type=version.content_type)
        response["Content-Length"] = str(size)
    response["Accept-Ranges"] = "bytes"
    return _secure(response, attachment_name=attachment_name)
