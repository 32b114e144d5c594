"""What the hub accepts from members, decided by the bytes of a file, never by its name or
the browser's claim.

Known kinds: PDF; Word, Excel and PowerPoint (OOXML); OpenDocument text, spreadsheet and
presentation; plain text and CSV (UTF-8); PNG, JPEG, WebP and GIF; MP3 and MP4. Each feature
accepts a subset (``allowed``). Everything else is refused, including SVG and HTML (they can
run scripts), executables, archives and legacy Office files (.doc, .xls, .ppt: their
properties cannot be removed reliably here). The extension must match the content, and the
content must parse as that type.

Every accepted file is rewritten without what can name a person, an organisation, a device
or a place (see ``cleaning``); what was removed is reported back. ``inspect_upload`` is the
one entry point: any feature that accepts files calls it.
"""

import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image

from . import cleaning
from .cleaning import reject

# Limits that keep one upload from exhausting the server.
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
        Kind("webp", "WebP", (".webp",), "image/webp"),
        Kind("gif", "GIF", (".gif",), "image/gif"),
        Kind("mp3", "MP3", (".mp3",), "audio/mpeg"),
        Kind("mp4", "MP4", (".mp4",), "video/mp4"),
    ]
}
# Legacy Office files keep their kinds so versions shared before stay described, but new
# ones are refused: their OLE2 property streams cannot be cleaned without an office suite.
LEGACY_OFFICE = {".doc", ".xls", ".ppt"}
IMAGE_KINDS = frozenset({"png", "jpeg", "webp", "gif"})


def extensions_for(allowed) -> list[str]:
    return sorted({ext for key in allowed for ext in KINDS[key].extensions} - LEGACY_OFFICE)


# What the library has always accepted; the default of ``inspect_upload``.
DEFAULT_KINDS = frozenset(KINDS) - {"doc", "xls", "ppt", "webp", "gif"}
ALLOWED_EXTENSIONS = extensions_for(DEFAULT_KINDS)

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
    # Keys of ``cleaning.REMOVED_LABELS``: the kinds of detail found in the file and removed.
    removed: tuple[str, ...] = ()
    # Pictures only: their size in pixels after cleaning.
    width: int | None = None
    height: int | None = None

    @property
    def is_image(self) -> bool:
        return self.kind.key in IMAGE_KINDS


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
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data.startswith(OLE2_MAGIC):
        legacy_refused()
    if data.startswith(b"PK\x03\x04"):
        return _detect_zip(data)
    guess = filetype.guess(data[:8192])
    if guess is not None:
        if guess.mime == "audio/mpeg":
            return "mp3"
        if guess.mime == "video/mp4":
            return "mp4"
        if guess.mime in ("application/x-msdownload", "application/x-executable", "application/x-sharedlib"):
            reject(_("Programs cannot be shared on the hub."), "executable")
        reject(_("This type of file (%(type)s) is not accepted.") % {"type": guess.extension.upper()}, "unsupported")
    if data.startswith((b"MZ", b"\x7fELF", b"#!")):
        reject(_("Programs cannot be shared on the hub."), "executable")
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


def too_large_message(name: str, limit: int | None = None) -> str:
    limit = settings.UPLOAD_MAX_BYTES if limit is None else limit
    return _("“%(name)s” is larger than %(limit)s MB, the largest file accepted here.") % {
        "name": (name or "")[:80],
        "limit": max(limit // (1024 * 1024), 1),
    }


def legacy_refused():
    reject(
        _(
            "Older Office files (.doc, .xls, .ppt) keep the names of the people and the organisation "
            "who wrote them in a way the hub cannot remove. Please save the file as .docx, .xlsx, "
            ".pptx or PDF and upload that instead."
        ),
        "legacy_office",
    )


def check_name(raw: str, allowed=DEFAULT_KINDS) -> tuple[str, str]:
    """The cleaned name and its extension, or a ValidationError when the name is refused."""
    name = clean_name(raw)
    extension = extension_of(name)
    if extension in LEGACY_OFFICE:
        legacy_refused()
    accepted = extensions_for(allowed)
    if extension not in accepted:
        reject(
            _("Files ending in “%(ext)s” are not accepted. Accepted: %(allowed)s.")
            % {"ext": extension or _("(no extension)"), "allowed": ", ".join(accepted)},
            "extension",
        )
    return name, extension


# The first bytes every file of these extensions starts with (see _detect).
LEADING_BYTES = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF8",),
    **dict.fromkeys((".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"), (b"PK\x03\x04",)),
}


def check_start(head: bytes, extension: str) -> None:
    """Refuse from its first bytes a file that the full inspection would refuse anyway, so a
    member on a slow link learns it before sending the rest. Only certain refusals are made
    here; everything else waits for ``inspect_upload`` on the whole file."""
    if head.startswith((b"MZ", b"\x7fELF", b"#!")):
        reject(_("Programs cannot be shared on the hub."), "executable")
    expected = LEADING_BYTES.get(extension)
    if expected and len(head) >= max(map(len, expected)) and not head.startswith(expected):
        reject(
            _("This file is not really a %(kind)s file. Please check that you chose the right file.")
            % {"kind": next(kind.label for kind in KINDS.values() if extension in kind.extensions)},
            "mismatch",
        )


def inspect_upload(upload, *, allowed=DEFAULT_KINDS, max_bytes: int | None = None) -> InspectedFile:
    """Check one uploaded file and return it cleaned, or raise ValidationError saying why.
    ``allowed``: the keys of ``KINDS`` the caller accepts; ``max_bytes``: its size limit
    (UPLOAD_MAX_BYTES by default)."""
    limit = settings.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    if upload.size is not None and upload.size > limit:
        reject(too_large_message(upload.name, limit), "too_large")
    name, extension = check_name(upload.name, allowed)
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        reject(too_large_message(name, limit), "too_large")
    if not data:
        reject(_("The file is empty."), "empty")
    kind_key = _detect(data, extension)
    kind = KINDS[kind_key]
    if kind_key not in allowed:
        reject(_("This type of file (%(type)s) is not accepted.") % {"type": kind.label}, "unsupported")
    if extension not in kind.extensions:
        reject(
            _("The name ends in “%(ext)s” but the content is %(kind)s. Please check that you chose the right file.")
            % {"ext": extension, "kind": kind.label},
            "mismatch",
        )
    data, removed = clean(data, kind_key)
    width = height = None
    if kind_key in IMAGE_KINDS:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
    return InspectedFile(
        kind=kind,
        original_name=name,
        extension=extension,
        content=ContentFile(data),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        metadata_stripped=True,
        removed=tuple(key for key in cleaning.REMOVED_LABELS if key in removed),
        width=width,
        height=height,
    )


def clean(data: bytes, kind_key: str) -> tuple[bytes, set[str]]:
    """The file rewritten without identifying details, and what was removed. Plain text and
    CSV have no hidden fields; every other type has its cleaner, which refuses what it
    cannot clean."""
    label = KINDS[kind_key].label
    if kind_key in IMAGE_KINDS:
        return cleaning.clean_image(data, kind_key, label)
    if kind_key == "pdf":
        return cleaning.clean_pdf(data, label)
    if kind_key in ("docx", "xlsx", "pptx", "odt", "ods", "odp"):
        return cleaning.clean_office(data, kind_key, label)
    if kind_key == "mp3":
        return cleaning.clean_mp3(data, label)
    if kind_key == "mp4":
        return cleaning.clean_mp4(data, label)
    if kind_key in ("txt", "csv"):
        return data, set()
    reject(_("This type of file is not accepted."), "unsupported")
