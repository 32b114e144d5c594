"""Reading a file in the browser: a PDF page by page as server-rendered images, an image at
full size, with the same access checks as a download."""

import io

import pytest
from PIL import Image

from resources.models import FileVersion
from tests.factories import UserFactory

from .factories import make_resource, multipage_pdf_upload, png_bytes, upload

pytestmark = pytest.mark.django_db

RED, GREEN, BLUE = (200, 0, 0), (0, 160, 0), (0, 0, 200)
PREVIEW_QUERIES = 5


def _handbook(**kwargs):
    resource = make_resource(uploads=[multipage_pdf_upload(pages=4, colours=(RED, GREEN, BLUE))], **kwargs)
    return resource, FileVersion.objects.get(file__resource=resource)


def _preview_url(version, page=None):
    url = f"/resources/{version.file.resource_id}/preview/{version.pk}/"
    return f"{url}?page={page}" if page else url


def test_the_resource_page_links_each_pdf_to_its_page_by_page_reading(member_client):
    resource, version = _handbook()
    page = member_client.get(resource.get_absolute_url()).text
    assert f'href="{_preview_url(version)}"' in page
    assert "Read handbook.pdf page by page" in page


def test_the_preview_shows_one_page_with_the_page_count_and_links_to_its_neighbours(member_client):
    resource, version = _handbook()
    page = member_client.get(_preview_url(version, 3)).text
    assert "Page 3 of 4" in page
    assert f'src="/resources/{resource.pk}/preview/{version.pk}/page/3.png"' in page
    assert 'rel="prev" href="?page=2"' in page
    assert 'rel="next" href="?page=4"' in page


def test_a_page_opens_on_its_own_to_zoom_in_and_a_one_page_file_has_no_page_jump(member_client):
    resource, version = _handbook()
    page = member_client.get(_preview_url(version, 2)).text
    assert f'<a href="/resources/{resource.pk}/preview/{version.pk}/page/2.png">Open this page on its own' in page
    assert 'class="reader__jump"' in page

    single = make_resource(uploads=[multipage_pdf_upload(pages=1, colours=(RED,))])
    single_version = FileVersion.objects.get(file__resource=single)
    page = member_client.get(_preview_url(single_version)).text
    assert "Page 1 of 1" in page and 'class="reader__jump"' not in page


def test_the_last_page_has_no_next_link_and_a_page_beyond_the_end_shows_the_last(member_client):
    _, version = _handbook()
    page = member_client.get(_preview_url(version, 99)).text
    assert "Page 4 of 4" in page
    assert 'rel="next"' not in page


def test_a_page_number_that_is_not_a_number_shows_the_first_page(member_client):
    _, version = _handbook()
    response = member_client.get(_preview_url(version, "three"))
    assert response.status_code == 200
    assert "Page 1 of 4" in response.text


def test_a_page_image_is_that_page_rendered_for_phones_and_kept_private(member_client):
    resource, version = _handbook()
    response = member_client.get(f"/resources/{resource.pk}/preview/{version.pk}/page/3.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert image.width == 720
    # Page 3 is the blue one.
    red, green, blue = image.convert("RGB").getpixel((360, 500))
    assert blue > 150 and red < 50 and green < 50


def test_a_rendered_page_is_kept_on_disk_and_served_again_without_rendering(member_client, monkeypatch):
    resource, version = _handbook()
    url = f"/resources/{resource.pk}/preview/{version.pk}/page/2.png"
    assert member_client.get(url).status_code == 200

    def fail(*args, **kwargs):
        raise AssertionError("rendered twice")

    monkeypatch.setattr("resources.previews._render", fail)
    assert member_client.get(url).status_code == 200


def test_a_page_beyond_the_end_is_not_found(member_client):
    resource, version = _handbook()
    assert member_client.get(f"/resources/{resource.pk}/preview/{version.pk}/page/5.png").status_code == 404


def test_a_version_read_under_another_resource_is_not_found(member_client):
    _, version = _handbook()
    other = make_resource()
    assert member_client.get(f"/resources/{other.pk}/preview/{version.pk}/").status_code == 404
    assert member_client.get(f"/resources/{other.pk}/preview/{version.pk}/page/1.png").status_code == 404


def test_the_pages_of_an_unpublished_resource_stay_private_as_its_downloads_do(client):
    author = UserFactory()
    resource, version = _handbook(author=author, submit=False)
    client.force_login(UserFactory())
    assert client.get(_preview_url(version)).status_code == 404
    assert client.get(f"/resources/{resource.pk}/preview/{version.pk}/page/1.png").status_code == 404
    assert client.get(f"/resources/files/{version.pk}/download/").status_code == 404
    client.force_login(author)
    assert client.get(f"/resources/{resource.pk}/preview/{version.pk}/page/1.png").status_code == 200


def test_in_light_mode_the_preview_is_a_link_to_the_download(member_client):
    _, version = _handbook()
    member_client.post("/light-mode/", {"light": "on", "next": "/"})
    page = member_client.get(_preview_url(version, 2)).text
    assert "<img" not in page
    assert f'href="/resources/files/{version.pk}/download/"' in page


def test_an_image_opens_at_full_size_on_its_own_page(member_client):
    resource = make_resource(uploads=[upload("poster.png", png_bytes(size=(1600, 900)), "image/png")])
    version = FileVersion.objects.get(file__resource=resource)
    assert "Open poster.png at full size" in member_client.get(resource.get_absolute_url()).text
    page = member_client.get(_preview_url(version)).text
    assert f'src="/resources/{resource.pk}/preview/{version.pk}/page/1.png"' in page
    response = member_client.get(f"/resources/{resource.pk}/preview/{version.pk}/page/1.png")
    assert response["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).size == (1600, 900)


def test_a_damaged_pdf_says_so_and_offers_the_download(member_client, monkeypatch):
    _, version = _handbook()
    monkeypatch.setattr("resources.previews._read", lambda version: b"%PDF-broken")
    page = member_client.get(_preview_url(version)).text
    assert "cannot be shown page by page" in page


def test_the_rendered_pages_of_a_deleted_draft_leave_the_disk_with_its_file(client, django_capture_on_commit_callbacks):
    from django.core.files.storage import default_storage

    from resources import previews
    from resources.erasure import resources_erase_for

    author = UserFactory()
    resource, version = _handbook(author=author, submit=False)
    client.force_login(author)
    assert client.get(f"/resources/{resource.pk}/preview/{version.pk}/page/2.png").status_code == 200
    rendered = previews.page_image(version, 2)
    assert default_storage.exists(rendered)
    with django_capture_on_commit_callbacks(execute=True):
        resources_erase_for(user=author, former_name="Former member")
    assert not default_storage.exists(rendered)


@pytest.mark.parametrize("pages", [2, 6])
def test_the_preview_page_costs_a_constant_number_of_queries(client, pages, django_assert_num_queries, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    resource = make_resource(uploads=[multipage_pdf_upload(pages=pages)])
    version = FileVersion.objects.get(file__resource=resource)
    client.force_login(UserFactory())
    client.get("/resources/")  # the first request of a session records it
    with django_assert_num_queries(PREVIEW_QUERIES):
        response = client.get(_preview_url(version, 2))
    assert response.status_code == 200
