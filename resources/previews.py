"""Reading a file in the browser without downloading it: a PDF, or an office file with a PDF
rendering (resources.renderings), page by page as server-rendered images (no PDF script in the
browser, one page at a time), an image at full size.

Pages are rendered with pdfium at a width fit for phones and kept by version and page in the
media storage under ``previews/`` (or on disk in ``RESOURCES_PREVIEW_ROOT`` if set), so every
machine finds a page another one rendered, and deleting a file deletes its pages everywhere: a
version never changes, so a rendered page never goes stale. Access is checked by the views on
every request, exactly as for a download; the images are streamed from this site with the same
headers as downloads (the reading page admits pictures from this site only)."""

import io
import logging
import threading

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.http import FileResponse

from core.files.serving import DOWNLOAD_CSP

from .models import FileVersion
from .office import OFFICE_KINDS

logger = logging.getLogger(__name__)

PAGE_WIDTH = 720
PDF_KINDS = ("pdf",)
IMAGE_KINDS = ("png", "jpeg")
# pdfium is not thread-safe: one document at a time in this process.
pdfium_lock = threading.Lock()


def is_readable(version: FileVersion) -> bool:
    """Whether the version has a reading page: a PDF or an office file page by page (an office
    file without a rendering says so there and offers the download), an image at full size."""
    return version.kind in PDF_KINDS or version.kind in OFFICE_KINDS or version.kind in IMAGE_KINDS


def has_pages(version: FileVersion) -> bool:
    """Whether there is a PDF to show page by page: the file itself or its rendering."""
    return version.kind in PDF_KINDS or (version.kind in OFFICE_KINDS and bool(version.rendering))


def is_image(version: FileVersion) -> bool:
    return version.kind in IMAGE_KINDS


def _storage() -> Storage:
    root = getattr(settings, "RESOURCES_PREVIEW_ROOT", "")
    return FileSystemStorage(location=root) if root else default_storage


def _folder(version_id) -> str:
    return str(version_id) if getattr(settings, "RESOURCES_PREVIEW_ROOT", "") else f"previews/{version_id}"


def _tree_delete(storage: Storage, folder: str) -> None:
    try:
        folders, names = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in names:
        storage.delete(f"{folder}/{name}")
    for inner in folders:
        _tree_delete(storage, f"{folder}/{inner}")


def pages_delete(version_ids) -> None:
    """Forget the rendered pages of versions whose file is deleted: a page image is the file."""
    storage = _storage()
    for pk in version_ids:
        _tree_delete(storage, _folder(pk))


def _read(version: FileVersion) -> bytes:
    source = version.rendering if version.kind in OFFICE_KINDS else version.content
    with source.open("rb") as handle:
        return handle.read()


def page_count(version: FileVersion) -> int | None:
    """How many pages the PDF has; None when there is none (an office file not rendered, not
    yet or ever) or pdfium cannot read it."""
    if not has_pages(version):
        return None  # not cached: the rendering may still be on its way
    key = f"resources:preview-pages:{version.pk}:{version.sha256[:16]}"
    count = cache.get(key)
    if count is not None:
        return count or None
    import pypdfium2

    try:
        data = _read(version)
        with pdfium_lock:
            document = pypdfium2.PdfDocument(data)
            try:
                count = len(document)
            finally:
                document.close()
    except Exception:  # noqa: BLE001 - a damaged PDF is still downloadable; it just has no preview
        logger.warning("no page count for file version %s", version.pk, exc_info=True)
        count = 0
    cache.set(key, count, 60 * 60 * 24)
    return count or None


def _render(version: FileVersion, number: int) -> bytes | None:
    import pypdfium2

    data = _read(version)
    with pdfium_lock:
        document = pypdfium2.PdfDocument(data)
        try:
            if not 1 <= number <= len(document):
                return None
            page = document[number - 1]
            width = page.get_width() or 1
            # Bounded scale: an odd page size must not become a huge bitmap.
            bitmap = page.render(scale=min(PAGE_WIDTH / width, 4.0))
            image = bitmap.to_pil().convert("RGB")
        finally:
            document.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def page_image(version: FileVersion, number: int) -> str | None:
    """The stored name of the rendered page (rendered now if it is not yet), or None when there
    is no such page or the file cannot be read."""
    storage = _storage()
    name = f"{_folder(version.pk)}/{version.sha256[:16]}/{number}-{PAGE_WIDTH}.png"
    if storage.exists(name):
        return name
    try:
        png = _render(version, number)
    except Exception:  # noqa: BLE001 - see page_count
        logger.warning("no preview of page %s of file version %s", number, version.pk, exc_info=True)
        return None
    if png is None:
        return None
    saved = storage.save(name, ContentFile(png))
    if saved != name:
        # Another request rendered the same page meanwhile: keep theirs, drop the copy.
        storage.delete(saved)
    return name


def _secure(response):
    # The same headers as a download (core.files.serving), shown inline.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


def page_response(name: str):
    return _secure(FileResponse(_storage().open(name, "rb"), content_type="image/png"))


def image_response(version: FileVersion):
    """The stored image itself (its metadata was removed on upload), at full size."""
    return _secure(FileResponse(version.content.open("rb"), content_type=version.content_type))
