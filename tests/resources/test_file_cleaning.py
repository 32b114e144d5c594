"""Shared files carry nothing about the people who made them: each accepted type, generated
with every kind of identifying detail, is uploaded by an expert and downloaded by another
member, who finds none of it. Files that cannot be cleaned, or are not what they claim, are
refused with a reason."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, NameObject

from core.files.inspection import inspect_upload
from resources.demo import build_pdf
from resources.models import FileVersion

from . import metadata_files as files
from .factories import make_resource, upload

pytestmark = pytest.mark.django_db

GENERATED = {
    "case-notes.docx": files.docx_bytes,
    "cases.xlsx": files.xlsx_bytes,
    "training.pptx": files.pptx_bytes,
    "plan.odt": files.odt_bytes,
    "toolkit.pdf": files.pdf_bytes,
    "photo.jpg": files.jpeg_bytes,
    "chart.png": files.png_with_text,
    "interview.mp3": files.mp3_bytes,
    "clip.mp4": files.mp4_bytes,
}


def shared_and_downloaded(client, other_member, expert, name: str, content: bytes) -> tuple[FileVersion, bytes]:
    resource = make_resource(author=expert, uploads=[upload(name, content)])
    version = FileVersion.objects.get(file__resource=resource)
    client.force_login(other_member)
    response = client.get(f"/resources/files/{version.pk}/download/")
    assert response.status_code == 200
    return version, b"".join(response.streaming_content)


def everything_readable(data: bytes) -> bytes:
    """The raw bytes, plus every part of a package unzipped, packages inside it too."""
    if data.startswith(b"PK\x03\x04"):
        archive = zipfile.ZipFile(io.BytesIO(data))
        return data + b"".join(everything_readable(archive.read(name)) for name in archive.namelist())
    return data


@pytest.mark.parametrize("name", list(GENERATED))
def test_a_generated_file_is_downloaded_by_another_member_without_any_identifying_detail(
    client, other_member, expert, name
):
    # Given a file that names people, an organisation, a device and a place
    original = GENERATED[name]()
    assert any(secret.encode() in everything_readable(original) for secret in files.SECRETS)
    # When an expert shares it and another member downloads it
    version, downloaded = shared_and_downloaded(client, other_member, expert, name, original)
    # Then none of it is left, and the uploader is told what was removed
    readable = everything_readable(downloaded)
    for secret in files.SECRETS:
        assert secret.encode() not in readable, secret
    assert version.metadata_stripped
    assert version.metadata_removed


def test_a_docx_keeps_its_text_and_structure_but_not_its_people(client, other_member, expert):
    version, downloaded = shared_and_downloaded(client, other_member, expert, "notes.docx", files.docx_bytes())
    archive = zipfile.ZipFile(io.BytesIO(downloaded))
    names = set(archive.namelist())
    assert {"docProps/custom.xml", "word/people.xml", "docProps/thumbnail.jpeg", "customXml/item1.xml"}.isdisjoint(
        names
    )
    document = archive.read("word/document.xml").decode()
    assert "Referral pathway" in document
    assert 'The author="nobody" stays' in document  # the text itself is never rewritten
    assert 'w:author="Author"' in document
    assert 'w:initials="A"' in archive.read("word/comments.xml").decode()
    # Nothing still points at the parts that were left out.
    assert "people.xml" not in archive.read("word/_rels/document.xml.rels").decode()
    assert "custom.xml" not in archive.read("[Content_Types].xml").decode()
    assert "thumbnail" not in archive.read("_rels/.rels").decode()
    assert not Image.open(io.BytesIO(archive.read("word/media/image1.jpeg"))).getexif()
    assert set(version.metadata_removed) >= {
        "author",
        "organisation",
        "custom_properties",
        "comment_authors",
        "revision_authors",
        "people",
        "thumbnail",
        "file_paths",
        "camera",
        "location",
    }


def test_a_workbook_inside_a_document_is_cleaned_too():
    inspected = inspect_upload(upload("report.docx", files.docx_bytes()))
    outer = zipfile.ZipFile(io.BytesIO(inspected.content.read()))
    inner = zipfile.ZipFile(io.BytesIO(outer.read("word/embeddings/Microsoft_Excel_Worksheet.xlsx")))
    assert "xl/printerSettings/printerSettings1.bin" not in inner.namelist()
    assert "<author>Author</author>" in inner.read("xl/comments1.xml").decode()
    assert "absPath" not in inner.read("xl/workbook.xml").decode()
    assert 'name="Author"' in inner.read("xl/revisions/userNames.xml").decode()
    assert "docMetadata/LabelInfo.xml" not in inner.namelist()
    assert 'displayName="Author"' in inner.read("xl/persons/person.xml").decode()
    assert 'displayName="Cases"' in inner.read("xl/tables/table1.xml").decode()  # formulas use it


def test_a_document_with_macros_is_refused():
    package = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(files.docx_bytes())) as source, zipfile.ZipFile(package, "w") as target:
        for name in source.namelist():
            target.writestr(name, source.read(name))
        target.writestr("word/vbaProject.bin", OLE_DOCUMENT)
    with pytest.raises(ValidationError) as error:
        inspect_upload(upload("report.docx", package.getvalue()))
    assert error.value.code == "macros"


def test_an_odt_loses_its_meta_and_thumbnail_and_its_manifest_no_longer_lists_them():
    inspected = inspect_upload(upload("plan.odt", files.odt_bytes()))
    archive = zipfile.ZipFile(io.BytesIO(inspected.content.read()))
    assert archive.namelist()[0] == "mimetype"
    assert archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
    manifest = archive.read("META-INF/manifest.xml").decode()
    assert "meta.xml" not in manifest and "Thumbnails/" not in manifest
    assert "Pictures/photo.jpg" in manifest
    assert "PrintPaperFromSetup" in archive.read("settings.xml").decode()
    content = archive.read("content.xml").decode()
    assert "<text:author-name>Author</text:author-name>" in content
    assert "<dc:creator>Author</dc:creator>" in content
    assert {"comment_authors", "revision_authors", "file_paths", "thumbnail"} <= set(inspected.removed)


def test_a_pdf_loses_scripts_automatic_actions_launches_and_attached_files():
    inspected = inspect_upload(upload("toolkit.pdf", files.pdf_bytes()))
    data = inspected.content.read()
    for mark in files.PDF_MARKS:
        assert mark.encode() not in data, mark
    for name in (b"/OpenAction", b"/JavaScript", b"/Launch", b"/EmbeddedFiles", b"/AA", b"/FileAttachment"):
        assert name not in data, name
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    assert "Safety plan" in reader.pages[0].extract_text()
    assert not reader.metadata
    assert reader.xmp_metadata is None
    assert {"author", "xmp", "active_content", "embedded_files", "comment_authors"} <= set(inspected.removed)
    fields = reader.get_fields()
    assert "/V" not in fields["Signature1"]  # the field stays, unsigned


def test_a_pdf_that_opens_at_a_page_keeps_that_and_nothing_is_reported():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(build_pdf("Plan", ["Two pages"]))))
    writer.add_blank_page()
    writer.root_object[NameObject("/OpenAction")] = ArrayObject(
        [writer.pages[1].indirect_reference, NameObject("/Fit")]
    )
    writer.metadata = None
    out = io.BytesIO()
    writer.write(out)
    inspected = inspect_upload(upload("plan.pdf", out.getvalue()))
    assert "/OpenAction" in PdfReader(io.BytesIO(inspected.content.read())).trailer["/Root"]
    assert inspected.removed == ()


def test_a_jpeg_keeps_its_orientation_applied_but_loses_exif_gps_comment_and_xmp():
    inspected = inspect_upload(upload("photo.jpg", files.jpeg_bytes(size=(24, 16))))
    image = Image.open(io.BytesIO(inspected.content.read()))
    assert image.size == (16, 24)  # orientation 6: turned, not forgotten
    assert not image.getexif()
    assert "comment" not in image.info and "xmp" not in image.info
    assert {"camera", "location", "image_text", "xmp"} <= set(inspected.removed)


def test_a_png_loses_its_text_chunks_and_xmp():
    inspected = inspect_upload(upload("chart.png", files.png_with_text()))
    image = Image.open(io.BytesIO(inspected.content.read()))
    assert not image.text
    assert {"image_text", "xmp", "camera"} <= set(inspected.removed)


def test_a_palette_png_keeps_its_colours_and_transparency():
    image = Image.new("RGB", (4, 4), (200, 30, 30)).convert("P", palette=Image.Palette.ADAPTIVE, colors=4)
    out = io.BytesIO()
    image.save(out, format="PNG", transparency=0)
    cleaned = Image.open(io.BytesIO(inspect_upload(upload("icon.png", out.getvalue())).content.read()))
    assert cleaned.convert("RGBA").getpixel((0, 0)) == (200, 30, 30, 0)


def test_an_mp3_loses_its_id3_tags_and_stays_audio():
    from mutagen.mp3 import MP3

    inspected = inspect_upload(upload("interview.mp3", files.mp3_bytes()))
    audio = MP3(io.BytesIO(inspected.content.read()))
    assert audio.tags is None
    assert audio.info.sample_rate == 44100
    assert inspected.removed == ("media_tags",)


def test_an_mp4_loses_its_location_and_tags_and_stays_a_video():
    from mutagen.mp4 import MP4

    inspected = inspect_upload(upload("clip.mp4", files.mp4_bytes()))
    data = inspected.content.read()
    assert b"\xa9xyz" not in data
    assert not MP4(io.BytesIO(data)).tags
    assert {"location", "media_tags", "xmp"} <= set(inspected.removed)


def test_an_mp4_with_a_gps_data_track_is_refused_with_the_reason():
    with pytest.raises(ValidationError) as error:
        inspect_upload(upload("action.mp4", files.mp4_bytes(data_track=True)))
    assert error.value.code == "not_cleanable"
    assert "location" in error.value.messages[0]


def test_a_plain_text_file_has_nothing_to_remove():
    inspected = inspect_upload(upload("notes.txt", b"Meeting notes"))
    assert inspected.metadata_stripped
    assert inspected.removed == ()


OLE_DOCUMENT = (
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + b"\x05SummaryInformation Aigul Secret" + b"\x00" * 512
)


@pytest.mark.parametrize("name", ["minutes.doc", "budget.xls", "slides.ppt"])
def test_a_legacy_office_file_is_refused_with_the_reason_and_what_to_do(name):
    with pytest.raises(ValidationError) as error:
        inspect_upload(upload(name, OLE_DOCUMENT))
    assert error.value.code == "legacy_office"
    assert ".docx" in error.value.messages[0] and "PDF" in error.value.messages[0]


def test_a_legacy_office_file_renamed_docx_is_refused_too():
    with pytest.raises(ValidationError) as error:
        inspect_upload(upload("minutes.docx", OLE_DOCUMENT))
    assert error.value.code == "legacy_office"


def test_a_refused_legacy_file_creates_nothing(expert):
    with pytest.raises(ValidationError) as error:
        make_resource(author=expert, uploads=[upload("minutes.doc", OLE_DOCUMENT)])
    assert error.value.error_list[0].code == "legacy_office"
    assert not FileVersion.objects.exists()


@pytest.mark.parametrize(
    "name,content",
    [
        ("toolkit.pdf", b"%PDF-1.7\n<html><body><script>alert(1)</script></body></html>"),
        ("notes.docx", b"PK\x03\x04" + b"this is not a zip archive" * 4),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"<html>not a picture</html>"),
        ("interview.mp3", b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"<html>not audio</html>" * 10),
    ],
)
def test_a_file_that_does_not_parse_as_what_it_claims_is_refused(name, content):
    with pytest.raises(ValidationError) as error:
        inspect_upload(upload(name, content))
    assert error.value.code in ("damaged", "archive", "unsupported")


def test_a_docx_with_an_xml_entity_bomb_is_refused():
    bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><x>&b;</x>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", bomb)
        archive.writestr("word/document.xml", "<document/>")
    with pytest.raises(ValidationError) as error:
        inspect_upload(upload("notes.docx", out.getvalue()))
    assert error.value.code == "damaged"


def test_a_pdf_with_a_password_is_refused_with_the_reason():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(files.pdf_bytes())))
    writer.encrypt(user_password="open sesame", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(ValidationError) as error:
        inspect_upload(upload("locked.pdf", out.getvalue()))
    assert error.value.code == "encrypted"


def test_the_uploader_sees_what_was_removed_and_other_members_do_not(client, expert, other_member):
    resource = make_resource(author=expert, uploads=[upload("photo.jpg", files.jpeg_bytes())])
    client.force_login(expert)
    page = client.get(resource.get_absolute_url(), follow=True).content.decode()
    assert "Removed before sharing" in page
    assert "location (GPS)" in page
    assert "camera and device details (EXIF)" in page
    client.force_login(other_member)
    assert "Removed before sharing" not in client.get(resource.get_absolute_url(), follow=True).content.decode()


def test_a_member_whose_upload_waits_for_review_sees_what_was_removed(client, member):
    resource = make_resource(author=member, uploads=[upload("notes.pdf", files.pdf_bytes())])
    assert resource.state == "in_review"
    client.force_login(member)
    page = client.get(resource.get_absolute_url(), follow=True).content.decode()
    assert "scripts and actions that run when the file is opened" in page
    assert "files attached inside the document" in page


def test_the_uploader_is_told_when_nothing_was_found(client, expert):
    resource = make_resource(author=expert, uploads=[upload("notes.txt", b"Plain notes")])
    client.force_login(expert)
    page = client.get(resource.get_absolute_url(), follow=True).content.decode()
    assert "No hidden details about people, devices or places were found" in page


def test_a_version_shared_before_cleaning_is_never_shown_as_cleaned(client, expert):
    resource = make_resource(author=expert, uploads=[upload("notes.txt", b"Plain notes")])
    FileVersion.objects.filter(file__resource=resource).update(metadata_removed=None)
    client.force_login(expert)
    page = client.get(resource.get_absolute_url(), follow=True).content.decode()
    assert "hidden details such as author names may still be in it" in page
    assert "Removed before sharing" not in page
