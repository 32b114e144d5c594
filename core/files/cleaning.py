"""Removing what a file says about the people who made it.

Each cleaner takes the bytes of a file already recognised by ``inspection`` and returns the
rewritten bytes with the set of kinds of detail it found and removed (keys of
``REMOVED_LABELS``). A file that does not parse as its type, or that cannot be cleaned, is
refused with a ``ValidationError``: nothing is ever kept as it came and called cleaned.
After rewriting, each cleaner looks at its own output again and refuses the file if anything
it knows how to find is still there.
"""

import io
import posixpath
import re
import zipfile

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeXML
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import ExifTags, Image, ImageOps, ImageSequence, UnidentifiedImageError

# Limit that keeps one picture from exhausting the server.
MAX_IMAGE_PIXELS = 40_000_000

# What the uploader is told was removed, by kind of detail. Stored as keys on each version,
# so the page speaks the reader's language.
REMOVED_LABELS = {
    "author": gettext_lazy("names of the authors and last editors"),
    "document_properties": gettext_lazy("document properties (title, subject, keywords, template, dates)"),
    "organisation": gettext_lazy("company and manager"),
    "custom_properties": gettext_lazy("custom properties"),
    "comment_authors": gettext_lazy("names and initials of comment authors"),
    "revision_authors": gettext_lazy("names of people who made tracked changes"),
    "people": gettext_lazy("the list of people who worked on the file"),
    "thumbnail": gettext_lazy("the preview picture saved inside the file"),
    "file_paths": gettext_lazy("folder paths and printer names"),
    "xmp": gettext_lazy("XMP metadata"),
    "active_content": gettext_lazy("scripts and actions that run when the file is opened"),
    "embedded_files": gettext_lazy("files attached inside the document"),
    "camera": gettext_lazy("camera and device details (EXIF)"),
    "location": gettext_lazy("location (GPS)"),
    "image_text": gettext_lazy("comments and captions (IPTC, text notes)"),
    "media_tags": gettext_lazy("tags (title, artist, album, comments, cover picture)"),
}


def reject(message: str, code: str):
    raise ValidationError(message, code=code)


def _not_cleanable(kind_label) -> None:
    reject(
        _(
            "Hidden details in this %(kind)s file could not be removed, so it was not shared. "
            "Please save it again (for example as PDF) and upload the new file."
        )
        % {"kind": kind_label},
        "not_cleanable",
    )


def _damaged(kind_label) -> None:
    reject(
        _("This file is damaged or is not really a %(kind)s file. Please check that you chose the right file.")
        % {"kind": kind_label},
        "damaged",
    )


# --- Images -----------------------------------------------------------------------------

GPS_IFD = 0x8825
# Image keys that describe pixels, not people.
TECHNICAL_INFO = {
    "dpi",
    "gamma",
    "transparency",
    "icc_profile",
    "aspect",
    "srgb",
    "interlace",
    "progressive",
    "progression",
    "jfif",
    "jfif_version",
    "jfif_unit",
    "jfif_density",
    "adobe",
    "adobe_transform",
    "exif",
    "chromaticity",
    "bkgd",
    "dqt",
    # GIF and WebP: frame timing and palette housekeeping.
    "version",
    "duration",
    "loop",
    "background",
    "extension",
    "timestamp",
}


def image_findings(image: Image.Image) -> set[str]:
    found = set()
    exif = image.getexif()
    if exif:
        found.add("camera")
        if GPS_IFD in exif or exif.get_ifd(ExifTags.IFD.GPSInfo):
            found.add("location")
    info = image.info
    if info.get("xmp") or info.get("XML:com.adobe.xmp"):
        found.add("xmp")
    if info.get("comment") or info.get("photoshop"):
        found.add("image_text")
    if any(key not in TECHNICAL_INFO and key not in ("xmp", "XML:com.adobe.xmp") for key in info):
        found.add("image_text")
    return found


IMAGE_FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "gif": "GIF"}


def _pixels_only(image: Image.Image) -> Image.Image:
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    if image.mode == "P":  # the colours and the transparent one are pixels too
        rawmode = image.palette.mode
        clean.putpalette(image.getpalette(rawmode), rawmode)
    return clean


def _encode(image: Image.Image, kind: str) -> bytes:
    out = io.BytesIO()
    if kind == "gif":
        # Every frame is copied without the file's comments and extensions; timing is kept.
        frames = [_pixels_only(frame.copy()) for frame in ImageSequence.Iterator(image)]
        extra = {"save_all": len(frames) > 1, "append_images": frames[1:]}
        if "duration" in image.info:
            extra["duration"] = image.info["duration"]
        if "loop" in image.info:
            extra["loop"] = image.info["loop"]
        if "transparency" in image.info:
            extra["transparency"] = image.info["transparency"]
        frames[0].save(out, format="GIF", **extra)
        return out.getvalue()
    image = ImageOps.exif_transpose(image)
    clean = _pixels_only(image)
    if kind == "jpeg":
        clean.convert("RGB").save(out, format="JPEG", quality=90)
    elif kind == "webp":
        has_alpha = "A" in image.getbands() or "transparency" in image.info
        clean.convert("RGBA" if has_alpha else "RGB").save(out, format="WEBP", quality=90)
    else:
        keep = {"transparency": image.info["transparency"]} if "transparency" in image.info else {}
        clean.save(out, format="PNG", optimize=False, **keep)
    return out.getvalue()


def clean_image(data: bytes, kind: str, kind_label) -> tuple[bytes, set[str]]:
    """Keep only the pixels, with the camera's rotation applied: EXIF (GPS, device, owner),
    XMP, IPTC, comments and text chunks are left behind."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            width, height = probe.size
            if width * height > MAX_IMAGE_PIXELS:
                reject(
                    _("The image is too large (%(pixels)s megapixels; the limit is %(limit)s).")
                    % {"pixels": width * height // 1_000_000, "limit": MAX_IMAGE_PIXELS // 1_000_000},
                    "too_many_pixels",
                )
            if probe.format != IMAGE_FORMATS[kind]:
                _damaged(kind_label)
            if width * height * getattr(probe, "n_frames", 1) > MAX_IMAGE_PIXELS * 2:
                reject(_("The animation has too many frames."), "too_many_pixels")
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            found = image_findings(image)
            cleaned = _encode(image, kind)
        with Image.open(io.BytesIO(cleaned)) as check:
            if image_findings(check):
                _not_cleanable(kind_label)
        return cleaned, found
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError):
        reject(_("The image is damaged or is not really a %(kind)s image.") % {"kind": kind_label}, "damaged")


# --- PDF --------------------------------------------------------------------------------

# Actions that run code, open other files or programs, or send data somewhere.
PDF_UNSAFE_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/ImportData",
    "/SubmitForm",
    "/GoToE",
    "/GoToR",
    "/RichMediaExecute",
    "/Rendition",
    "/Sound",
    "/Movie",
}
PDF_UNSAFE_ANNOTATIONS = {"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound", "/3D"}
PDF_DROP_KEYS = {
    "/AA": "active_content",
    "/JS": "active_content",
    "/JavaScript": "active_content",
    "/XFA": "active_content",
    "/EmbeddedFiles": "embedded_files",
    "/EF": "embedded_files",
    "/Metadata": "xmp",
    "/PieceInfo": "document_properties",
}


def _pdf_opens_at_a_page(action) -> bool:
    """An /OpenAction that only shows a page is kept; anything else (scripts, links that
    would call a server as the file opens) is removed."""
    from pypdf.generic import ArrayObject, DictionaryObject

    if isinstance(action, ArrayObject):
        return True
    return isinstance(action, DictionaryObject) and action.get("/S") == "/GoTo" and "/Next" not in action


def _pdf_forget_people(node) -> set[str]:
    """Comments and markup name their author in /T (a form field's /T is its name and stays);
    a signature names the signer, where and why, and holds their certificate."""
    from pypdf.generic import NameObject, TextStringObject

    found = set()
    is_annotation = "/Rect" in node and "/Subtype" in node and node.get("/Type", "/Annot") == "/Annot"
    if is_annotation and node.get("/Subtype") != "/Widget" and node.get("/T") not in (None, "Author"):
        node[NameObject("/T")] = TextStringObject("Author")
        found.add("comment_authors")
    if node.get("/FT") == "/Sig" and "/V" in node:
        del node["/V"]
        found.add("author")
    if "/Perms" in node and node.get("/Type") == "/Catalog":
        del node["/Perms"]  # refers to the signatures removed above
    return found


def _pdf_sweep(root) -> set[str]:
    """Walk every object reachable from the catalogue and cut out active content, attached
    files and XMP streams; returns what was found."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    def resolve(value):
        return value.get_object() if isinstance(value, IndirectObject) else value

    def unsafe(value) -> str | None:
        value = resolve(value)
        if isinstance(value, DictionaryObject):
            if value.get("/S") in PDF_UNSAFE_ACTIONS:
                return "active_content"
            if value.get("/Subtype") in PDF_UNSAFE_ANNOTATIONS and value.get("/Type", "/Annot") == "/Annot":
                return "embedded_files" if value.get("/Subtype") == "/FileAttachment" else "active_content"
        return None

    found: set[str] = set()
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = resolve(stack.pop())
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, DictionaryObject):
            found |= _pdf_forget_people(node)
            for key in list(node.keys()):
                if key == "/OpenAction" and not _pdf_opens_at_a_page(resolve(node[key])):
                    found.add("active_content")
                    del node[key]
                    continue
                if key in PDF_DROP_KEYS:
                    found.add(PDF_DROP_KEYS[key])
                    del node[key]
                    continue
                reason = unsafe(node[key]) if key != "/Parent" else None
                if reason:
                    found.add(reason)
                    del node[key]
                    continue
                stack.append(node[key])
        elif isinstance(node, ArrayObject):
            for index in reversed(range(len(node))):
                reason = unsafe(node[index])
                if reason:
                    found.add(reason)
                    del node[index]
                else:
                    stack.append(node[index])
    return found


def clean_pdf(data: bytes, kind_label) -> tuple[bytes, set[str]]:
    """Rewrite the PDF from its parsed objects: document information, XMP, scripts, automatic
    actions, launch actions and attached files are left out. Bytes that pypdf cannot read as
    a PDF with pages (a PDF header in front of a web page, say) are refused."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError

    errors = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError, IndexError)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            reject(
                _("Password-protected PDF files cannot be checked for hidden details. Please remove the password."),
                "encrypted",
            )
        if len(reader.pages) < 1:
            _damaged(kind_label)
        found = set()
        info = reader.trailer.get("/Info")
        info = info.get_object() if info is not None else None
        if info:
            found.add("author" if info.get("/Author") else "document_properties")
            if len(info) > (1 if info.get("/Author") else 0):
                found.add("document_properties")
        writer = PdfWriter(clone_from=reader)
        writer.metadata = None
        found |= _pdf_sweep(writer.root_object)
        first = io.BytesIO()
        writer.write(first)
        # A second copy holds only what is still reachable: objects cut loose above (scripts,
        # attached files, old document information) are not written at all.
        final = PdfWriter(clone_from=PdfReader(io.BytesIO(first.getvalue())))
        if _pdf_sweep(final.root_object):
            _not_cleanable(kind_label)
        final.metadata = None
        out = io.BytesIO()
        final.write(out)
        return out.getvalue(), found
    except errors:
        _damaged(kind_label)


# --- Office packages (OOXML and OpenDocument) --------------------------------------------

ODF_KINDS = {"odt", "ods", "odp"}
NEUTRAL = {"", "Author", "A", "None"}
# Attributes that hold a person's name or account, wherever they appear: tracked changes and
# comments in Word (w:author, w:initials), people in Excel and PowerPoint, shared workbooks.
# (``displayName`` is not one of them: Excel tables are named by it too.)
PERSON_ATTRIBUTES = {
    "author": "Author",
    "initials": "A",
    "userId": "",
    "providerId": "None",
    "userName": "",
}
# The people of Excel's threaded comments.
PERSON_DISPLAY_NAME_RE = re.compile(r"(<(?:[\w.-]+:)?person\b[^>]*?\sdisplayName\s*=\s*)(\"[^\"]*\"|'[^']*')")
PERSON_ATTRIBUTE_RE = re.compile(
    r"(\s(?:[\w.-]+:)?)(" + "|".join(PERSON_ATTRIBUTES) + r")(\s*=\s*)(\"[^\"]*\"|'[^']*')"
)
# Elements that name a person in a ``name`` attribute: PowerPoint comment authors, the users
# of a shared Excel workbook.
NAMED_PERSONS = ("cmAuthor", "author", "userInfo")
AUTHOR_NAME_RE = re.compile(
    r"(<(?:[\w.-]+:)?(?:" + "|".join(NAMED_PERSONS) + r")\b[^>]*?\sname\s*=\s*)(\"[^\"]*\"|'[^']*')"
)
# Elements whose text is a person's name: Excel comment authors, ODF comment and change
# authors, ODF author fields that show the name in the text.
PERSON_ELEMENTS = (
    "author",
    "creator",
    "lastModifiedBy",
    "initial-creator",
    "creator-initials",
    "author-name",
    "author-initials",
)
PERSON_ELEMENT_RE = re.compile(
    r"(<((?:[\w.-]+:)?(?:" + "|".join(PERSON_ELEMENTS) + r"))(?:\s[^>]*?)?(?<!/)>)([^<]*)(</\2\s*>)"
)
ABS_PATH_RE = re.compile(r"<(?:[\w.-]+:)?absPath\b[^>]*?(?:/>|>.*?</(?:[\w.-]+:)?absPath\s*>)", re.DOTALL)
PRINTER_RE = re.compile(
    r"<((?:[\w.-]+:)?config-item)\b[^>]*?\bconfig:name=\"(?:PrinterName|PrinterSetup)\"[^>]*?(?:/>|>[^<]*</\1\s*>)"
)
TAG_RE = re.compile(r"<[A-Za-z_][^<>]*>")
RELATIONSHIP_RE = re.compile(r"<(?:[\w.-]+:)?Relationship\b[^>]*?/>")
OVERRIDE_RE = re.compile(r"<(?:[\w.-]+:)?Override\b[^>]*?/>")
MANIFEST_ENTRY_RE = re.compile(r"<(?:[\w.-]+:)?file-entry\b[^>]*?/>")
LOCAL_PATH = re.compile(r"^(?:file:|[A-Za-z]:[\\/]|\\\\)", re.IGNORECASE)

CORE_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"></cp:coreProperties>'
)
APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"></Properties>'
)


def _attribute(tag: str, name: str) -> str | None:
    match = re.search(r"\s" + re.escape(name) + r"\s*=\s*(\"[^\"]*\"|'[^']*')", tag)
    return match.group(1)[1:-1] if match else None


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _dropped_part(name: str, kind: str) -> str | None:
    """The finding for a part that is left out of the package entirely, or None to keep it."""
    if "/printerSettings/" in f"/{name}":
        return "file_paths"  # the printer's device settings, named after it
    if kind in ODF_KINDS:
        if posixpath.basename(name) == "meta.xml":  # the document's own and each embedded object's
            return "document_properties"
        if name.startswith("Thumbnails/"):
            return "thumbnail"
        return None
    if name == "docProps/custom.xml" or name.startswith("customXml/"):
        return "custom_properties"
    if name.startswith("docProps/thumbnail"):
        return "thumbnail"
    if posixpath.basename(name) == "people.xml":
        return "people"
    if name.startswith("docMetadata/"):
        return "organisation"  # sensitivity labels carry the organisation's tenant id
    return None


def _xml_findings(name: str, root, kind: str) -> set[str]:
    found = set()
    if name == "docProps/core.xml" or (kind in ODF_KINDS and posixpath.basename(name) == "meta.xml"):
        for element in root.iter():
            if (element.text or "").strip():
                local = _local(element.tag)
                is_person = local in ("creator", "lastModifiedBy", "initial-creator")
                found.add("author" if is_person else "document_properties")
        return found
    if name == "docProps/app.xml":
        for element in root.iter():
            if (element.text or "").strip():
                local = _local(element.tag)
                if local in ("Company", "Manager"):
                    found.add("organisation")
                elif local in ("Template", "HyperlinkBase"):
                    found.add("document_properties")
        return found
    in_comments = "comment" in name.lower() or "authors" in name.lower()
    for parent in root.iter():
        parent_local = _local(parent.tag)
        for key, value in parent.attrib.items():
            local = _local(key)
            if local in PERSON_ATTRIBUTES and value not in NEUTRAL:
                if local in ("author", "initials"):
                    found.add("comment_authors" if in_comments or local == "initials" else "revision_authors")
                else:
                    found.add("people")
            if local == "name" and parent_local in NAMED_PERSONS and value not in NEUTRAL:
                found.add("comment_authors")
            if local == "displayName" and parent_local == "person" and value not in NEUTRAL:
                found.add("people")
            printer = local == "name" and parent_local == "config-item" and value in ("PrinterName", "PrinterSetup")
            if printer and (parent.text or "").strip():
                found.add("file_paths")
        if parent_local == "absPath":
            found.add("file_paths")
        for child in parent:
            local = _local(child.tag)
            named = local in PERSON_ELEMENTS
            if named and (child.text or "").strip() not in NEUTRAL:
                if parent_local == "annotation" or in_comments:
                    found.add("comment_authors")
                elif parent_local == "change-info":
                    found.add("revision_authors")
                else:
                    found.add("author")
        external = parent_local == "Relationship" and parent.get("TargetMode") == "External"
        if external and LOCAL_PATH.match(parent.get("Target", "")):
            found.add("file_paths")
    return found


def _parse_xml(payload: bytes, kind_label):
    try:
        return SafeXML.fromstring(payload)
    except (SafeXML.ParseError, DefusedXmlException, ValueError):
        _damaged(kind_label)


def _rewrite_xml(text: str, name: str, dropped: set[str]) -> str:
    # Attributes are replaced inside tags only, never in the document's own text.
    if PERSON_ATTRIBUTE_RE.search(text):
        text = TAG_RE.sub(
            lambda tag: PERSON_ATTRIBUTE_RE.sub(lambda m: f'{m[1]}{m[2]}{m[3]}"{PERSON_ATTRIBUTES[m[2]]}"', tag[0]),
            text,
        )
    text = AUTHOR_NAME_RE.sub(lambda m: f'{m[1]}"Author"', text)
    text = PERSON_DISPLAY_NAME_RE.sub(lambda m: f'{m[1]}"Author"', text)
    text = PERSON_ELEMENT_RE.sub(lambda m: m[1] + ("Author" if m[3].strip() else m[3]) + m[4], text)
    text = ABS_PATH_RE.sub("", text)
    text = PRINTER_RE.sub("", text)
    if name.endswith(".rels"):
        # _rels/x.rels describes x in the folder above; targets are relative to that folder.
        folder = posixpath.dirname(posixpath.dirname(name))

        def relationship(match):
            tag = match[0]
            target = _attribute(tag, "Target") or ""
            if _attribute(tag, "TargetMode") == "External":
                if LOCAL_PATH.match(target):
                    return tag.replace(f'"{target}"', '"about:blank"').replace(f"'{target}'", "'about:blank'")
                return tag
            path = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))
            return "" if path in dropped else tag

        text = RELATIONSHIP_RE.sub(relationship, text)
    if name == "[Content_Types].xml":
        text = OVERRIDE_RE.sub(
            lambda m: "" if (_attribute(m[0], "PartName") or "").lstrip("/") in dropped else m[0], text
        )
    if name == "META-INF/manifest.xml":

        def entry(match):
            path = _attribute(match[0], "manifest:full-path") or ""
            return "" if path in dropped or path.startswith("Thumbnails/") else match[0]

        text = MANIFEST_ENTRY_RE.sub(entry, text)
    return text


def _is_picture(name: str, kind: str) -> bool:
    folder = "Pictures/" if kind in ODF_KINDS else "/media/"
    return folder in name and name.lower().endswith((".jpg", ".jpeg", ".png"))


OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_PACKAGE_ENTRIES = 2_000
MAX_PACKAGE_UNCOMPRESSED = 200 * 1024 * 1024
# How deep documents embedded in documents (a chart's workbook in a report) are cleaned.
MAX_EMBEDDING_DEPTH = 2


def _package_kind(archive: zipfile.ZipFile) -> str | None:
    names = set(archive.namelist())
    if "mimetype" in names:
        mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
        return {
            "application/vnd.oasis.opendocument.text": "odt",
            "application/vnd.oasis.opendocument.spreadsheet": "ods",
            "application/vnd.oasis.opendocument.presentation": "odp",
            "application/vnd.oasis.opendocument.chart": "odp",
            "application/vnd.oasis.opendocument.formula": "odp",
            "application/vnd.oasis.opendocument.graphics": "odp",
        }.get(mimetype)
    if "[Content_Types].xml" in names:
        for root, kind in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
            if any(name.startswith(root) for name in names):
                return kind
    return None


def _embedded(payload: bytes, name: str, kind_label, depth: int) -> tuple[bytes, set[str]]:
    """A file stored inside the document: another office document is cleaned the same way;
    macros and objects in the legacy binary format cannot be, so the document is refused."""
    if payload.startswith(OLE2_MAGIC):
        if posixpath.basename(name).lower().startswith("vbaproject"):
            reject(_("Documents with macros are not accepted. Please save the document without macros."), "macros")
        reject(
            _(
                "This document contains an embedded object in an older format whose hidden details cannot be "
                "removed. Please delete the object, or save the document as PDF, and upload it again."
            ),
            "not_cleanable",
        )
    if payload.startswith(b"PK\x03\x04"):
        if depth >= MAX_EMBEDDING_DEPTH:
            _not_cleanable(kind_label)
        embedded_kind = _package_kind(zipfile.ZipFile(io.BytesIO(payload)))
        if embedded_kind is None:
            _not_cleanable(kind_label)
        return clean_office(payload, embedded_kind, kind_label, depth=depth + 1)
    return payload, set()


def _office_pass(
    source: zipfile.ZipFile, kind: str, kind_label, rewrite: bool, depth: int = 0
) -> tuple[bytes, set[str]]:
    """Read every part of the package, note what it tells about people, and (when
    ``rewrite``) write a new package without it."""
    found: set[str] = set()
    entries = source.infolist()
    # Checked before anything is decompressed: a few kilobytes can expand to gigabytes.
    if len(entries) > MAX_PACKAGE_ENTRIES or sum(entry.file_size for entry in entries) > MAX_PACKAGE_UNCOMPRESSED:
        _not_cleanable(kind_label)
    manifest = "META-INF/manifest.xml"
    if kind in ODF_KINDS and manifest in source.namelist() and b"encryption-data" in source.read(manifest):
        reject(
            _("Password-protected documents cannot be checked for hidden details. Please remove the password."),
            "encrypted",
        )
    dropped = set()
    for entry in entries:
        reason = _dropped_part(entry.filename, kind)
        if reason:
            dropped.add(entry.filename)
            found.add(reason)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for entry in entries:
            name = entry.filename
            if name in dropped or entry.is_dir():
                continue
            payload = source.read(entry)
            lower = name.lower()
            if lower.endswith((".xml", ".rels")):
                found |= _xml_findings(name, _parse_xml(payload, kind_label), kind)
                if rewrite:
                    if name == "docProps/core.xml":
                        payload = CORE_XML.encode()
                    elif name == "docProps/app.xml":
                        payload = APP_XML.encode()
                    else:
                        try:
                            text = payload.decode("utf-8")
                        except UnicodeDecodeError:
                            _not_cleanable(kind_label)
                        payload = _rewrite_xml(text, name, dropped).encode("utf-8")
            elif _is_picture(name, kind) and payload[:3] in (b"\xff\xd8\xff", b"\x89PN"):
                picture_kind = "jpeg" if payload.startswith(b"\xff\xd8\xff") else "png"
                if rewrite:
                    payload, pictured = clean_image(payload, picture_kind, kind_label)
                    found |= pictured
                else:
                    with Image.open(io.BytesIO(payload)) as picture:
                        found |= image_findings(picture)
            elif payload.startswith((OLE2_MAGIC, b"PK\x03\x04")):
                if rewrite:
                    payload, inside = _embedded(payload, name, kind_label, depth)
                    found |= inside
                elif payload.startswith(OLE2_MAGIC):
                    _not_cleanable(kind_label)
                else:
                    inner = zipfile.ZipFile(io.BytesIO(payload))
                    found |= _office_pass(inner, _package_kind(inner) or kind, kind_label, False, depth + 1)[1]
            if rewrite:
                # A fresh entry: no extra fields (owner ids, times) or comments from the original.
                fresh = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                fresh.compress_type = entry.compress_type
                target.writestr(fresh, payload)
    return out.getvalue(), found


def clean_office(data: bytes, kind: str, kind_label, depth: int = 0) -> tuple[bytes, set[str]]:
    """Word, Excel and PowerPoint (OOXML) and OpenDocument packages, rewritten part by part:
    document properties emptied, company and manager removed, custom properties, people
    lists and thumbnails left out, comment and tracked-change authors replaced by a neutral
    "Author", folder paths and printer names removed, pictures inside cleaned like uploads."""
    try:
        cleaned, found = _office_pass(zipfile.ZipFile(io.BytesIO(data)), kind, kind_label, True, depth)
        _after, left = _office_pass(zipfile.ZipFile(io.BytesIO(cleaned)), kind, kind_label, False, depth)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError, EOFError, KeyError):
        _damaged(kind_label)
    if left:
        _not_cleanable(kind_label)
    return cleaned, found


# --- Audio and video ----------------------------------------------------------------------


def clean_mp3(data: bytes, kind_label) -> tuple[bytes, set[str]]:
    """ID3 (versions 1 and 2) and APE tags removed; what remains must still be MP3 audio."""
    from mutagen import MutagenError
    from mutagen.apev2 import APENoHeaderError, APEv2
    from mutagen.apev2 import delete as ape_delete
    from mutagen.id3 import delete as id3_delete
    from mutagen.mp3 import MP3

    buffer = io.BytesIO(data)
    found = set()
    try:
        audio = MP3(buffer)
        if audio.tags is not None or data[-128:-125] == b"TAG":
            found.add("media_tags")
        buffer.seek(0)
        id3_delete(buffer)
        try:
            buffer.seek(0)
            APEv2(buffer)
        except APENoHeaderError:
            pass
        else:
            found.add("media_tags")
            buffer.seek(0)
            ape_delete(buffer)
        cleaned = buffer.getvalue()
        check = MP3(io.BytesIO(cleaned))
    except (MutagenError, OSError, ValueError, EOFError):
        _damaged(kind_label)
    if check.tags is not None or cleaned[-128:-125] == b"TAG" or cleaned.startswith(b"ID3"):
        _not_cleanable(kind_label)
    return cleaned, found


# Boxes that only hold descriptions: user data (QuickTime text and ©xyz location, 3GPP loci),
# iTunes-style and Apple "mdta" metadata, XMP and vendor uuid boxes.
MP4_METADATA_BOXES = {b"udta", b"meta", b"uuid", b"loci", b"XMP_", b"Xtra"}
MP4_CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"dinf", b"mvex", b"moof", b"traf"}
# Tracks of timed data (GPS from action cameras, sensor readings) live in the media itself.
MP4_DATA_TRACKS = {b"meta", b"camm"}


def _mp4_sweep(buffer: bytearray, start: int, end: int, depth: int, kind_label) -> set[str]:
    found = set()
    position = start
    if depth > 12:
        _damaged(kind_label)
    while position < end:
        if end - position < 8:
            _damaged(kind_label)
        size = int.from_bytes(buffer[position : position + 4], "big")
        box = bytes(buffer[position + 4 : position + 8])
        header = 8
        if size == 1:
            size = int.from_bytes(buffer[position + 8 : position + 16], "big")
            header = 16
        elif size == 0:
            size = end - position
        if size < header or position + size > end:
            _damaged(kind_label)
        body = buffer[position + header : position + size]
        if box in MP4_METADATA_BOXES:
            if any(body.strip(b"\x00")):
                found.add(
                    "location" if (b"\xa9xyz" in body or b"loci" in body or b"location" in body) else "media_tags"
                )
                if box in (b"uuid", b"XMP_") and b"x:xmpmeta" in body:
                    found.add("xmp")
            # Same size, new name, zeroed: every offset into the file stays right.
            buffer[position + 4 : position + 8] = b"free"
            buffer[position + header : position + size] = bytes(size - header)
        elif box in MP4_CONTAINERS:
            found |= _mp4_sweep(buffer, position + header, position + size, depth + 1, kind_label)
        elif box == b"hdlr" and len(body) >= 12 and bytes(body[8:12]) in MP4_DATA_TRACKS:
            reject(
                _(
                    "This video has a track of location or sensor data (recorded by action cameras and some "
                    "phones) that cannot be removed here. Please export the video without it and upload it again."
                ),
                "not_cleanable",
            )
        position += size
    return found


def clean_mp4(data: bytes, kind_label) -> tuple[bytes, set[str]]:
    from mutagen import MutagenError
    from mutagen.mp4 import MP4

    try:
        MP4(io.BytesIO(data))
    except (MutagenError, OSError, ValueError, EOFError):
        _damaged(kind_label)
    buffer = bytearray(data)
    found = _mp4_sweep(buffer, 0, len(buffer), 0, kind_label)
    cleaned = bytes(buffer)
    try:
        check = MP4(io.BytesIO(cleaned))
    except (MutagenError, OSError, ValueError, EOFError):
        _not_cleanable(kind_label)
    if check.tags or _mp4_sweep(bytearray(cleaned), 0, len(cleaned), 0, kind_label):
        _not_cleanable(kind_label)
    return cleaned, found
