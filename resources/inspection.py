"""What the library accepts, decided by the bytes of a file, never by its name or the
browser's claim.

Accepted: PDF; Word, Excel and PowerPoint (legacy OLE2 and OOXML); OpenDocument text,
spreadsheet and presentation; plain text and CSV (UTF-8); PNG and JPEG; MP3 and MP4.
Everything else is refused, including SVG and HTML (they can run scripts), executables and
archives. The extension must match the content. Images and documents are rewritten without
the metadata that can identify people (EXIF, author fields) where the format allows.
"""

import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, UnidentifiedImageError

# Limits that keep one upload from exhausting the server.
MAX_IMAGE_PIXELS = 40_000_000
MAX_ZIP_ENTRIES = 2_000
MAX_ZIP_UNCOMPRESSED = 200 * 1024 * 1024
MAX_NAME_LENGTH = 150


@dataclass(frozen=True)
class Kind:
    key: str
    label: object  # str or lazy translation
    extensions: tuple[str, ...]
    content_type: str


KINDS = {
    kind.key: kind
    for kind in [
        Kind("pdf", "PDF", (".pdf",), "application/pdf"),
        Kind("doc", "Word (.doc)", (".doc",), "application/msword"),
        Kind("xls", "Excel (.xls)", (".xls",), "application/vnd.ms-excel"),
        Kind("ppt", "PowerPoint (.ppt)", (".ppt",), "application/vnd.ms-powerpoint"),
        Kind(
            "docx",
            "Word (.docx)",
            (".docx",),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        Kind("xlsx", "Excel (.xlsx)", (".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        Kind(
            "pptx",
            "PowerPoint (.pptx)",
            (".pptx",),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        Kind("odt", gettext_lazy("OpenDocument text"), (".odt",), "application/vnd.oasis.opendocument.text"),
        Kind(
            "ods", gettext_lazy("OpenDocument spreadsheet"), (".ods",), "application/vnd.oasis.opendocument.spreadsheet"
        ),
        Kind(
            "odp",
            gettext_lazy("OpenDocument presentation"),
            (".odp",),
            "application/vnd.oasis.opendocument.presentation",
        ),
        Kind("txt", gettext_lazy("plain text"), (".txt",), "text/plain; charset=utf-8"),
        Kind("csv", "CSV", (".csv",), "text/csv; charset=utf-8"),
        Kind("png", "PNG", (".png",), "image/png"),
        Kind("jpeg", "JPEG", (".jpg", ".jpeg"), "image/jpeg"),
        Kind("mp3", "MP3", (".mp3",), "audio/mpeg"),
        Kind("mp4", "MP4", (".mp4",), "video/mp4"),
    ]
}
ALLOWED_EXTENSIONS = sorted({ext for kind in KINDS.values() for ext in kind.extensions})

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODF_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
OOXML_ROOTS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
# What browsers sniff as markup: refused even inside a ".txt".
MARKUP_START = re.compile(rb"^\s*<(?:!doctype|html|head|body|script|svg|\?xml|iframe|object|embed)", re.IGNORECASE)


@dataclass
class InspectedFile:
    kind: Kind
    original_name: str
    extension: str
    content: ContentFile
    size: int
    sha256: str
    metadata_stripped: bool


def reject(message: str, code: str):
    raise ValidationError(message, code=code)


def clean_name(raw: str) -> str:
    """The original file name, as metadata only. Names that try to be paths or carry control
    characters are refused rather than guessed at."""
    name = unicodedata.normalize("NFC", raw or "")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in name):
        reject(_("The file name contains line breaks or control characters. Please rename the file."), "bad_name")
    if "/" in name or "\\" in name or name.strip(". ") in ("", "..") or ".." in name.split("."):
        reject(_("The file name looks like a folder path. Please rename the file."), "bad_name")
    name = name.strip().lstrip(".")
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, ext = name.rpartition(".")
        name = f"{stem[: MAX_NAME_LENGTH - len(ext) - 1]}.{ext}" if dot else name[:MAX_NAME_LENGTH]
    return name


def extension_of(name: str) -> str:
    _stem, dot, ext = name.rpartition(".")
    return f".{ext.lower()}" if dot else ""


def _detect(data: bytes, extension: str) -> str:
    """The kind of the content, or a ValidationError saying why it is refused."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(OLE2_MAGIC):
        # Legacy Office files share one container; the extension names which program.
        if extension in (".doc", ".xls", ".ppt"):
            return extension[1:]
        reject(_("This looks like a legacy Office document; its name must end in .doc, .xls or .ppt."), "mismatch")
    if data.startswith(b"PK\x03\x04"):
        return _detect_zip(data)
    guess = filetype.guess(data[:8192])
    if guess is not None:
        if guess.mime == "audio/mpeg":
            return "mp3"
        if guess.mime == "video/mp4":
            return "mp4"
        if guess.mime in ("application/x-msdownload", "application/x-executable", "application/x-sharedlib"):
            reject(_("Programs cannot be shared in the library."), "executable")
        reject(_("This type of file (%(type)s) is not accepted.") % {"type": guess.extension.upper()}, "unsupported")
    if data.startswith((b"MZ", b"\x7fELF", b"#!")):
        reject(_("Programs cannot be shared in the library."), "executable")
    return _detect_text(data, extension)


def _detect_zip(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        reject(_("The document is damaged and cannot be opened."), "damaged")
    # Checked before anything is decompressed: a few kilobytes can expand to gigabytes.
    if len(entries) > MAX_ZIP_ENTRIES or sum(entry.file_size for entry in entries) > MAX_ZIP_UNCOMPRESSED:
        reject(_("The document expands to far more data than a real document holds, so it was refused."), "zip_bomb")
    names = {entry.filename for entry in entries}
    if "mimetype" in names:
        mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
        if mimetype in ODF_MIMETYPES:
            return ODF_MIMETYPES[mimetype]
    if "[Content_Types].xml" in names:
        for root, kind in OOXML_ROOTS.items():
            if any(name.startswith(root) for name in names):
                return kind
    reject(_("Archives (such as .zip) are not accepted. Please upload the documents themselves."), "archive")


def _detect_text(data: bytes, extension: str) -> str:
    if b"\x00" in data:
        reject(_("This type of file is not accepted."), "unsupported")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        reject(_("Text files must be saved as UTF-8."), "encoding")
    if MARKUP_START.match(data.removeprefix(b"\xef\xbb\xbf")[:1024]):
        reject(_("Web pages and SVG images can contain scripts and are not accepted."), "markup")
    return "csv" if extension == ".csv" else "txt"


def _clean_image(data: bytes, kind: str) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as probe:
            width, height = probe.size
            if width * height > MAX_IMAGE_PIXELS:
                reject(
                    _("The image is too large (%(pixels)s megapixels; the limit is %(limit)s).")
                    % {"pixels": width * height // 1_000_000, "limit": MAX_IMAGE_PIXELS // 1_000_000},
                    "too_many_pixels",
                )
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            # Apply the camera's rotation, then save only the pixels: EXIF (GPS, device,
            # owner) and text chunks are left behind.
            image = ImageOps.exif_transpose(image)
            clean = Image.new(image.mode, image.size)
            clean.paste(image)
            out = io.BytesIO()
            if kind == "jpeg":
                clean.convert("RGB").save(out, format="JPEG", quality=90)
            else:
                clean.save(out, format="PNG", optimize=False)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        reject(_("The image is damaged or is not really a %(kind)s image.") % {"kind": KINDS[kind].label}, "damaged")


def _clean_pdf(data: bytes) -> tuple[bytes, bool]:
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError
    from pypdf.generic import NameObject

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            return data, False
        writer = PdfWriter(clone_from=reader)
        writer.metadata = None  # drops /Info: Author, Creator, Producer
        root = writer._root_object
        if NameObject("/Metadata") in root:
            del root[NameObject("/Metadata")]  # XMP metadata
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue(), True
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError):
        # A PDF pypdf cannot rewrite is kept as it is; the page says its metadata stayed.
        return data, False


CORE_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"></cp:coreProperties>'
)


def _clean_office_zip(data: bytes, kind: str) -> tuple[bytes, bool]:
    """Rewrite the package without author fields: OOXML docProps/core.xml is emptied and
    ODF meta.xml dropped (both are optional parts)."""
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for entry in source.infolist():
                if kind in ("odt", "ods", "odp") and entry.filename == "meta.xml":
                    continue
                payload = CORE_XML if entry.filename == "docProps/core.xml" else source.read(entry)
                target.writestr(entry, payload, compress_type=entry.compress_type)
        return out.getvalue(), True
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
        reject(_("The document is damaged and cannot be opened."), "damaged")


def too_large_message(name: str) -> str:
    return _("“%(name)s” is larger than %(limit)s MB, the largest file the library accepts.") % {
        "name": (name or "")[:80],
        "limit": settings.UPLOAD_MAX_BYTES // (1024 * 1024),
    }


def check_name(raw: str) -> tuple[str, str]:
    """The cleaned name and its extension, or a ValidationError when the name is refused."""
    name = clean_name(raw)
    extension = extension_of(name)
    if extension not in ALLOWED_EXTENSIONS:
        reject(
            _("Files ending in “%(ext)s” are not accepted. Accepted: %(allowed)s.")
            % {"ext": extension or _("(no extension)"), "allowed": ", ".join(ALLOWED_EXTENSIONS)},
            "extension",
        )
    return name, extension


# The first bytes every file of these extensions starts with (see _detect).
LEADING_BYTES = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    **dict.fromkeys((".doc", ".xls", ".ppt"), (OLE2_MAGIC,)),
    **dict.fromkeys((".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"), (b"PK\x03\x04",)),
}


def check_start(head: bytes, extension: str) -> None:
    """Refuse from its first bytes a file that the full inspection would refuse anyway, so a
    member on a slow link learns it before sending the rest. Only certain refusals are made
    here; everything else waits for ``inspect_upload`` on the whole file."""
    if head.startswith((b"MZ", b"\x7fELF", b"#!")):
        reject(_("Programs cannot be shared in the library."), "executable")
    expected = LEADING_BYTES.get(extension)
    if expected and len(head) >= max(map(len, expected)) and not head.startswith(expected):
        reject(
            _("This file is not really a %(kind)s file. Please check that you chose the right file.")
            % {"kind": next(kind.label for kind in KINDS.values() if extension in kind.extensions)},
            "mismatch",
        )


def inspect_upload(upload) -> InspectedFile:
    """Check one uploaded file and return it cleaned, or raise ValidationError saying why."""
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        reject(too_large_message(upload.name), "too_large")
    name, extension = check_name(upload.name)
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        reject(too_large_message(name), "too_large")
    if not data:
        reject(_("The file is empty."), "empty")
    kind_key = _detect(data, extension)
    kind = KINDS[kind_key]
    if extension not in kind.extensions:
        reject(
            _("The name ends in “%(ext)s” but the content is %(kind)s. Please check that you chose the right file.")
            % {"ext": extension, "kind": kind.label},
            "mismatch",
        )
    stripped = False
    if kind_key in ("png", "jpeg"):
        data, stripped = _clean_image(data, kind_key), True
    elif kind_key == "pdf":
        data, stripped = _clean_pdf(data)
    elif kind_key in ("docx", "xlsx", "pptx", "odt", "ods", "odp"):
        data, stripped = _clean_office_zip(data, kind_key)
    return InspectedFile(
        kind=kind,
        original_name=name,
        extension=extension,
        content=ContentFile(data),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        metadata_stripped=stripped,
    )
