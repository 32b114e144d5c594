"""Office files read page by page: LibreOffice renders them to PDF in the background task that
makes previews, and the PDF is read like any other, behind the download's access checks. Without
LibreOffice, or when a conversion fails, the file is downloaded to be read, never a 500."""

import io
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pypdfium2
import pytest
from PIL import Image

from resources import office
from resources.demo_library import build_odt
from resources.models import FileVersion
from resources.renderings import rendering_generate
from tests.factories import UserFactory

from .factories import make_resource, upload
from .office_files import DOCX_TYPE, fake_soffice, no_soffice, paged_docx

pytestmark = pytest.mark.django_db

ODT_TYPE = "application/vnd.oasis.opendocument.text"
PREVIEW_QUERIES = 5  # as for a PDF (tests/resources/test_previews.py)


def _shared(capture, name="report.docx", content=None, content_type=DOCX_TYPE, **kwargs):
    """A resource with one office file, its preview made after commit as in production."""
    content = content if content is not None else paged_docx(["First page", "Second page", "Third page"])
    with capture(execute=True):
        resource = make_resource(uploads=[upload(name, content, content_type)], **kwargs)
    return resource, FileVersion.objects.get(file__resource=resource)


def _preview_url(version, page=None):
    url = f"/resources/{version.file.resource_id}/preview/{version.pk}/"
    return f"{url}?page={page}" if page else url


def _page_url(version, number):
    return f"{_preview_url(version)}page/{number}.png"


def _page_texts(version) -> list[str]:
    with version.rendering.open("rb") as handle:
        document = pypdfium2.PdfDocument(handle.read())
    try:
        return [document[index].get_textpage().get_text_range().strip() for index in range(len(document))]
    finally:
        document.close()


# With the machine's LibreOffice.


def test_a_word_document_is_rendered_and_a_member_reads_its_second_page_as_an_image(
    libreoffice, member_client, django_capture_on_commit_callbacks
):
    resource, version = _shared(django_capture_on_commit_callbacks)

    assert _page_texts(version) == ["First page", "Second page", "Third page"]
    assert version.thumbnail  # the first page of the rendering pictures the file
    detail = member_client.get(resource.get_absolute_url()).text
    assert "Read report.docx page by page" in detail and "cannot be shown page by page" not in detail
    page = member_client.get(_preview_url(version, 2)).text
    assert "Page 2 of 3" in page
    assert f'src="{_page_url(version, 2)}"' in page
    response = member_client.get(_page_url(version, 2))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "no-store" in response["Cache-Control"]
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).width == 720


def test_the_demo_opendocument_file_is_rendered_too(libreoffice, django_capture_on_commit_callbacks):
    _, version = _shared(
        django_capture_on_commit_callbacks,
        name="closing-letter.odt",
        content=build_odt("Closing letter", ["Your case is now closed."]),
        content_type=ODT_TYPE,
    )
    assert "Your case is now closed." in _page_texts(version)[0]


class _Recorder(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 - the name http.server calls
        self.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    do_OPTIONS = do_HEAD = do_GET  # noqa: N815

    def log_message(self, *args):
        pass


def _docx_with_linked_picture(url: str) -> bytes:
    """A Word document whose picture is not inside it but fetched from ``url`` when opened."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(paged_docx(["Linked picture below"])))
    drawing = (
        '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="990000" cy="792000"/><wp:docPr id="1" name="P"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
        '<pic:nvPicPr><pic:cNvPr id="0" name="x.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        '<pic:blipFill><a:blip r:link="rIdPicture"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="990000" cy="792000"/></a:xfrm>'
        '<a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>'
    )
    namespaces = (
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename).decode()
            if info.filename == "word/document.xml":
                data = data.replace("<w:document ", f"<w:document {namespaces}").replace(
                    "</w:body>", f"{drawing}</w:body>"
                )
            target.writestr(info.filename, data)
        target.writestr(
            "word/_rels/document.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rIdPicture" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/image" Target="{url}" TargetMode="External"/></Relationships>',
        )
    return out.getvalue()


def test_a_conversion_fetches_nothing_a_document_points_to(libreoffice):
    # Given a server the document's picture points at (LibreOffice would fetch it: the server
    # would learn when and from where the document was opened).
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.requests = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/picture.png"
        pdf = office.pdf_from_office(_docx_with_linked_picture(url), "docx")
    finally:
        server.shutdown()
        server.server_close()
    assert pdf.startswith(b"%PDF-")
    assert _Recorder.requests == []


# With a stand-in for LibreOffice, on any machine.


def test_the_converter_gets_a_copy_under_a_neutral_name_and_a_throwaway_profile(django_capture_on_commit_callbacks):
    with fake_soffice("pdf") as folder:
        _, version = _shared(django_capture_on_commit_callbacks, name="Survivor Aigul case notes.docx")
        arguments = (folder / "arguments.txt").read_text().splitlines()
    assert version.rendering
    source = arguments[-1]
    assert source.endswith("/document.docx") and "Aigul" not in source
    profile = next(argument for argument in arguments if argument.startswith("-env:UserInstallation=file://"))
    assert "--headless" in arguments
    # The throwaway folder, profile included, is gone once the conversion is over.
    assert not os.path.exists(os.path.dirname(source))
    assert not os.path.exists(profile.removeprefix("-env:UserInstallation=file://"))


def test_a_rendered_office_file_is_read_page_by_page_within_the_query_budget(
    client, settings, django_capture_on_commit_callbacks, django_assert_num_queries
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    with fake_soffice("pdf", pages=3):
        resource, version = _shared(django_capture_on_commit_callbacks)
    client.force_login(UserFactory())
    client.get("/resources/")  # the first request of a session records it
    with django_assert_num_queries(PREVIEW_QUERIES):
        page = client.get(_preview_url(version, 3)).text
    assert "Page 3 of 3" in page
    response = client.get(_page_url(version, 3))
    image = Image.open(io.BytesIO(b"".join(response.streaming_content))).convert("RGB")
    red, green, blue = image.getpixel((360, 500))
    assert blue > 150 and red < 50 and green < 50  # page 3 of the rendering is the blue one


def test_the_pages_of_an_unpublished_office_file_stay_private_as_its_download_does(
    client, django_capture_on_commit_callbacks
):
    author = UserFactory()
    with fake_soffice("pdf"):
        resource, version = _shared(django_capture_on_commit_callbacks, author=author, submit=False)
    assert version.rendering
    client.force_login(UserFactory())
    assert client.get(_preview_url(version)).status_code == 404
    assert client.get(_page_url(version, 1)).status_code == 404
    assert client.get(f"/resources/files/{version.pk}/download/").status_code == 404
    client.force_login(author)
    assert client.get(_page_url(version, 1)).status_code == 200


def test_an_anonymous_visitor_is_sent_to_log_in_before_any_page(client, django_capture_on_commit_callbacks):
    with fake_soffice("pdf"):
        _, version = _shared(django_capture_on_commit_callbacks)
    for url in (_preview_url(version), _page_url(version, 1)):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_in_light_mode_a_rendered_office_file_is_a_link_to_the_download(
    member_client, django_capture_on_commit_callbacks
):
    with fake_soffice("pdf"):
        _, version = _shared(django_capture_on_commit_callbacks)
    member_client.post("/light-mode/", {"light": "on", "next": "/"})
    page = member_client.get(_preview_url(version, 2)).text
    assert "<img" not in page
    assert f'href="/resources/files/{version.pk}/download/"' in page


def _offers_the_download_only(client, resource, version):
    detail = client.get(resource.get_absolute_url()).text
    assert "Read report.docx page by page" not in detail
    assert "This file cannot be shown page by page. You can still download it." in detail
    assert f'href="/resources/files/{version.pk}/download/"' in detail
    response = client.get(_preview_url(version, 2))
    assert response.status_code == 200
    assert "cannot be shown page by page" in response.text
    assert f'href="/resources/files/{version.pk}/download/"' in response.text
    assert client.get(_page_url(version, 1)).status_code == 404


def test_without_libreoffice_an_office_file_is_downloaded_to_be_read(member_client, django_capture_on_commit_callbacks):
    with no_soffice():
        resource, version = _shared(django_capture_on_commit_callbacks)
    assert not version.rendering and not version.thumbnail
    _offers_the_download_only(member_client, resource, version)


def test_a_conversion_that_hangs_is_stopped_with_its_helpers_and_the_file_is_downloaded_to_be_read(
    member_client, django_capture_on_commit_callbacks
):
    with fake_soffice("hang", RESOURCES_OFFICE_TIMEOUT=1) as folder:
        started = time.monotonic()
        resource, version = _shared(django_capture_on_commit_callbacks)
        elapsed = time.monotonic() - started
        helper = int((folder / "helper.pid").read_text())
    assert elapsed < 15
    assert not _running(helper)  # LibreOffice's helper process was stopped with it
    assert not version.rendering
    _offers_the_download_only(member_client, resource, version)


def _running(pid: int) -> bool:
    # A stopped process may linger as a zombie until whoever adopted it reaps it.
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.parametrize("behaviour", ["crash", "nothing", "not-a-pdf"])
def test_a_failed_conversion_leaves_the_file_to_be_downloaded(
    behaviour, member_client, django_capture_on_commit_callbacks
):
    with fake_soffice(behaviour):
        resource, version = _shared(django_capture_on_commit_callbacks)
    assert not version.rendering
    _offers_the_download_only(member_client, resource, version)


@pytest.mark.parametrize(
    "limit",
    [
        {"RESOURCES_OFFICE_MAX_PAGES": 4},
        {"RESOURCES_OFFICE_MAX_BYTES": 2000},
        {"RESOURCES_OFFICE_MAX_MEMORY": 1024 * 1024},  # too little for the converter to start
    ],
    ids=["pages", "bytes", "memory"],
)
def test_a_rendering_beyond_the_limits_is_refused(limit, member_client, django_capture_on_commit_callbacks):
    with fake_soffice("pdf", pages=5, **limit):
        resource, version = _shared(django_capture_on_commit_callbacks)
    assert not version.rendering
    _offers_the_download_only(member_client, resource, version)


def test_a_version_is_rendered_once(django_capture_on_commit_callbacks):
    with fake_soffice("pdf"):
        _, version = _shared(django_capture_on_commit_callbacks)
        assert not rendering_generate(version.pk)  # already rendered: LibreOffice is not run again


def test_the_rendering_of_a_deleted_draft_leaves_the_storage_with_its_file(django_capture_on_commit_callbacks):
    from django.core.files.storage import default_storage

    from resources.erasure import resources_erase_for

    author = UserFactory()
    with fake_soffice("pdf"):
        _, version = _shared(django_capture_on_commit_callbacks, author=author, submit=False)
    name = version.rendering.name
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        resources_erase_for(user=author, former_name="Former member")
    assert not default_storage.exists(name)


def test_files_shared_before_libreoffice_was_installed_are_rendered_by_a_command(django_capture_on_commit_callbacks):
    from io import StringIO

    from django.core.management import CommandError, call_command

    with no_soffice():
        _, version = _shared(django_capture_on_commit_callbacks)
        with pytest.raises(CommandError):
            call_command("office_renderings", stdout=StringIO())
    assert not version.rendering
    out = StringIO()
    with fake_soffice("pdf"):
        call_command("office_renderings", stdout=out)
    version.refresh_from_db()
    assert version.rendering and version.thumbnail
    assert "Rendered 1 of 1" in out.getvalue()
