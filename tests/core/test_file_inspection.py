"""A corpus of hostile and ordinary files, generated here; each hostile one is refused with
its reason."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from core.files.inspection import MAX_ZIP_ENTRIES, inspect_upload
from tests.resources.factories import DOCUMENT_XML, docx_bytes, pdf_upload, png_bytes, upload
from tests.resources.metadata_files import mp3_bytes, mp4_bytes


def raw_named(name: str, content: bytes):
    """An upload whose name is exactly what a hostile client sent (Django's own upload
    handling already drops folders and control characters; this checks the second line)."""
    item = upload("placeholder", content)
    item._name = name
    return item


def refused(name: str, content: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        inspect_upload(raw_named(name, content))
    return error.value


def test_html_with_a_png_header_is_refused():
    error = refused("photo.png", b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>")
    assert error.code == "damaged"
    assert "not really a PNG" in error.messages[0]


def test_svg_with_a_script_is_refused_by_name():
    error = refused("chart.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    assert error.code == "extension"


def test_svg_renamed_to_txt_is_refused_by_content():
    error = refused("notes.txt", b'<?xml version="1.0"?><svg><script>alert(1)</script></svg>')
    assert error.code == "markup"


def test_html_renamed_to_txt_is_refused():
    error = refused("notes.txt", b"  <!DOCTYPE html><html><body onload=alert(1)></body></html>")
    assert error.code == "markup"


def test_an_executable_renamed_pdf_is_refused():
    error = refused("toolkit.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200)
    assert error.code == "executable"


def test_an_elf_program_renamed_pdf_is_refused():
    error = refused("toolkit.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 100)
    assert error.code == "executable"


def test_a_zip_bomb_renamed_docx_is_refused_before_decompressing():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"0" * (210 * 1024 * 1024))
    error = refused("report.docx", out.getvalue())
    assert error.code == "zip_bomb"


def test_a_zip_with_too_many_entries_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for index in range(MAX_ZIP_ENTRIES + 1):
            archive.writestr(f"word/{index}.xml", "")
    assert refused("report.docx", out.getvalue()).code == "zip_bomb"


def test_a_plain_zip_archive_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("tool.exe", "MZ")
    assert refused("documents.docx", out.getvalue()).code == "archive"


def test_a_path_traversal_name_is_refused():
    error = refused("../../etc/passwd.pdf", pdf_upload().read())
    assert error.code == "bad_name"


def test_a_windows_path_name_is_refused():
    assert refused("..\\..\\boot.pdf", pdf_upload().read()).code == "bad_name"


def test_a_crlf_name_is_refused():
    error = refused("report.pdf\r\nContent-Type: text/html", pdf_upload().read())
    assert error.code == "bad_name"


def test_an_oversize_file_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    error = refused("big.pdf", b"%PDF-1.4\n" + b"0" * 2048)
    assert error.code == "too_large"
    assert "1024" not in error.messages[0]  # said in megabytes, in plain words


def test_a_wrong_extension_is_refused():
    error = refused("toolkit.docx", pdf_upload().read())
    assert error.code == "mismatch"
    assert "PDF" in error.messages[0]


def test_an_unknown_extension_is_refused():
    assert refused("script.js", b"alert(1)").code == "extension"


def test_an_image_over_the_pixel_limit_is_refused(monkeypatch):
    monkeypatch.setattr("core.files.cleaning.MAX_IMAGE_PIXELS", 100)
    assert refused("photo.png", png_bytes(size=(20, 20))).code == "too_many_pixels"


def test_a_gif_renamed_png_is_refused():
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, format="GIF")
    assert refused("photo.png", out.getvalue()).code == "unsupported"


def test_an_empty_file_is_refused():
    assert refused("empty.txt", b"").code == "empty"


def test_text_that_is_not_utf8_is_refused():
    assert refused("notes.txt", "Привет".encode("cp1251")).code == "encoding"


def test_a_pdf_is_accepted_without_its_author():
    inspected = inspect_upload(pdf_upload(author="Aigul Secret"))
    assert inspected.kind.key == "pdf"
    assert inspected.metadata_stripped
    assert b"Aigul Secret" not in inspected.content.read()


def test_a_jpeg_loses_its_exif():
    inspected = inspect_upload(upload("photo.jpg", png_bytes(exif=True, fmt="JPEG")))
    data = inspected.content.read()
    assert inspected.kind.key == "jpeg"
    assert b"Aigul Secret" not in data
    assert not Image.open(io.BytesIO(data)).getexif()


def test_a_docx_loses_its_author():
    inspected = inspect_upload(upload("pathway.docx", docx_bytes(author="Aigul Secret")))
    assert inspected.kind.key == "docx"
    archive = zipfile.ZipFile(io.BytesIO(inspected.content.read()))
    assert b"Aigul Secret" not in archive.read("docProps/core.xml")
    assert archive.read("word/document.xml") == DOCUMENT_XML.encode()


@pytest.mark.parametrize(
    "name,content,kind",
    [
        ("data.csv", b"country,cases\nKZ,12\n", "csv"),
        ("notes.txt", "Заметки о встрече".encode(), "txt"),
        ("logo.png", png_bytes(), "png"),
        ("song.mp3", mp3_bytes(), "mp3"),
        ("clip.mp4", mp4_bytes(), "mp4"),
    ],
)
def test_allowed_types_are_accepted(name, content, kind):
    assert inspect_upload(upload(name, content)).kind.key == kind


def test_an_odt_is_recognised_by_its_mimetype_entry():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr(
            "content.xml", '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'
        )
        archive.writestr(
            "meta.xml",
            '<meta:initial-creator xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0">Aigul Secret'
            "</meta:initial-creator>",
        )
    inspected = inspect_upload(upload("plan.odt", out.getvalue()))
    assert inspected.kind.key == "odt"
    assert "meta.xml" not in zipfile.ZipFile(io.BytesIO(inspected.content.read())).namelist()


def _image_bytes(fmt: str, **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (24, 16), (200, 40, 90)).save(out, format=fmt, **save)
    return out.getvalue()


def test_a_jpeg_loses_its_gps_location():
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (42.0, 52.0, 11.0)}
    inspected = inspect_upload(upload("photo.jpg", _image_bytes("JPEG", exif=exif)))
    assert "location" in inspected.removed
    with Image.open(inspected.content) as cleaned:
        assert not cleaned.getexif()
    assert (inspected.width, inspected.height) == (24, 16)


def test_webp_and_gif_are_recognised_and_cleaned_when_a_feature_accepts_them():
    allowed = {"webp", "gif"}
    webp = inspect_upload(upload("sticker.webp", _image_bytes("WEBP")), allowed=allowed)
    assert webp.kind.key == "webp" and webp.is_image
    gif = inspect_upload(upload("wave.gif", _image_bytes("GIF", comment=b"Aigul Secret")), allowed=allowed)
    assert gif.kind.key == "gif"
    assert b"Aigul Secret" not in gif.content.read()


def test_a_kind_the_feature_does_not_accept_is_refused_by_content():
    # A PDF is a fine file, but not where only pictures are accepted; its name cannot help.
    assert pytest.raises(ValidationError, inspect_upload, pdf_upload(), allowed={"png"}).value.code == "extension"
    renamed = upload("photo.png", pdf_upload().read())
    assert pytest.raises(ValidationError, inspect_upload, renamed, allowed={"png"}).value.code == "unsupported"


def test_a_feature_limit_is_said_in_megabytes(settings):
    error = pytest.raises(
        ValidationError, inspect_upload, upload("big.png", b"\x89PNG" + b"0" * 2_000_000), max_bytes=1024 * 1024
    ).value
    assert error.code == "too_large"
    assert "1 MB" in error.messages[0]
