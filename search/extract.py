"""Plain text from uploaded documents, for search. Runs in the background (django-tasks);
an unreadable or hostile file yields no text, never an error for the uploader."""

import logging
import zipfile
from io import BytesIO
from xml.etree import ElementTree

logger = logging.getLogger(__name__)

MAX_TEXT = 300_000
MAX_PDF_PAGES = 300
# The parts of office documents that hold their text.
OFFICE_PARTS = ("word/document.xml", "ppt/slides/slide", "xl/sharedStrings.xml", "content.xml")


def extract_text(data: bytes, kind: str) -> str:
    try:
        if kind == "pdf":
            return _pdf(data)
        if kind in {"docx", "xlsx", "pptx", "odt", "ods", "odp"}:
            return _office(data)
        if kind in {"txt", "csv"}:
            return data[:MAX_TEXT].decode("utf-8", errors="ignore")
    except Exception:  # noqa: BLE001 - a broken file simply has no searchable text
        logger.info("text extraction failed for a %s file", kind)
    return ""


def _pdf(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(data))
    parts, size = [], 0
    for page in reader.pages[:MAX_PDF_PAGES]:
        chunk = page.extract_text() or ""
        parts.append(chunk)
        size += len(chunk)
        if size > MAX_TEXT:
            break
    return "\n".join(parts)[:MAX_TEXT]


def _office(data: bytes) -> str:
    parts, size = [], 0
    with zipfile.ZipFile(BytesIO(data)) as archive:
        for info in archive.infolist():
            if not info.filename.startswith(OFFICE_PARTS) or info.file_size > 20_000_000:
                continue
            root = ElementTree.fromstring(archive.read(info))  # noqa: S314 - stdlib parser does not expand external entities
            chunk = " ".join(t.strip() for t in root.itertext() if t.strip())
            parts.append(chunk)
            size += len(chunk)
            if size > MAX_TEXT:
                break
    return "\n".join(parts)[:MAX_TEXT]
