import pytest

from resources.models import FileVersion
from resources.thumbnails import thumbnail_generate

from .factories import make_resource, pdf_upload

pytestmark = pytest.mark.django_db


def published_version(name="toolkit.pdf"):
    resource = make_resource(uploads=[pdf_upload(name=name)])
    return FileVersion.objects.get(file__resource=resource)


def url(version):
    return f"/resources/files/{version.pk}/download/"


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def discreet_mode_off(member):
    member.discreet_mode = False
    member.save(update_fields=["discreet_mode"])
    return member


def test_in_discreet_mode_a_download_gets_a_neutral_name(member_client):
    version = published_version(name="Safety plan for survivors.PDF")
    response = member_client.get(url(version))
    assert response["Content-Disposition"] == f'attachment; filename="document-{version.pk}.pdf"'
    assert body(response).startswith(b"%PDF-")


def test_in_discreet_mode_object_storage_gets_the_neutral_name_too(member_client, settings, monkeypatch):
    settings.MEDIA_SIGNED_URL_SECONDS = 60
    version = published_version(name="Пособие по безопасности.pdf")
    calls = []
    monkeypatch.setattr(
        version.content.storage.__class__,
        "url",
        lambda self, name, **kw: calls.append(kw) or "https://storage.example/x",
    )
    member_client.get(url(version))
    assert calls[0]["parameters"]["ResponseContentDisposition"] == f'attachment; filename="document-{version.pk}.pdf"'


def test_a_download_is_an_attachment_the_browser_will_not_run(member_client, discreet_mode_off):
    version = published_version()
    response = member_client.get(url(version))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="toolkit.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Content-Type"] == "application/pdf"
    assert body(response).startswith(b"%PDF-")


def test_a_non_latin_file_name_uses_rfc_6266(member_client, discreet_mode_off):
    version = published_version(name="Пособие по безопасности.pdf")
    disposition = member_client.get(url(version))["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert "%D0%9F" in disposition


def test_each_download_is_counted(member_client):
    version = published_version()
    body(member_client.get(url(version)))
    body(member_client.get(url(version)))
    version.refresh_from_db()
    assert version.download_count == 2
    assert version.file.resource.__class__.objects.get().download_count == 2


def test_a_range_request_gets_part_of_the_file(member_client):
    version = published_version()
    response = member_client.get(url(version), headers={"Range": "bytes=0-3"})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 0-3/{version.size}"
    assert body(response) == b"%PDF"


def test_a_resumed_download_gets_the_rest_and_is_not_counted_twice(member_client):
    version = published_version()
    response = member_client.get(url(version), headers={"Range": "bytes=10-"})
    assert response.status_code == 206
    assert len(body(response)) == version.size - 10
    version.refresh_from_db()
    assert version.download_count == 0


def test_an_unsatisfiable_range_is_refused(member_client):
    version = published_version()
    response = member_client.get(url(version), headers={"Range": f"bytes={version.size + 5}-"})
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{version.size}"


def test_the_reverse_proxy_can_send_the_file(member_client, settings):
    settings.RESOURCES_X_ACCEL_PREFIX = "/protected-media/"
    version = published_version()
    response = member_client.get(url(version))
    assert response["X-Accel-Redirect"] == f"/protected-media/{version.content.name}"
    assert response["Content-Disposition"].startswith("attachment")
    assert response.content == b""


def test_access_is_checked_at_every_download(client, member, other_member):
    draft = make_resource(author=other_member, submit=False)
    version = FileVersion.objects.get(file__resource=draft)
    client.force_login(member)
    assert client.get(url(version)).status_code == 404


def test_a_suspended_member_cannot_download(client, member):
    version = published_version()
    client.force_login(member)
    member.status = "suspended"
    member.save()
    response = client.get(url(version))
    assert response.status_code == 302
    assert "/download/" not in response["Location"]


def test_a_pdf_gets_a_first_page_preview(member_client):
    version = published_version()
    assert thumbnail_generate(version.pk)
    response = member_client.get(f"/resources/files/{version.pk}/thumbnail/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert body(response).startswith(b"\x89PNG")


def test_the_resource_page_shows_file_sizes_and_the_preview(member_client):
    version = published_version()
    thumbnail_generate(version.pk)
    content = member_client.get(version.file.resource.get_absolute_url()).content.decode()
    assert f"/resources/files/{version.pk}/thumbnail/" in content
    assert "Download toolkit.pdf" in content
    assert "bytes" in content or "KB" in content


def test_quotes_in_a_file_name_cannot_break_the_header(member_client, discreet_mode_off):
    version = published_version(name='report "final".pdf')
    assert member_client.get(url(version))["Content-Disposition"] == 'attachment; filename="report \\"final\\".pdf"'


def test_an_image_gets_a_scaled_preview(member_client):
    from PIL import Image

    from .factories import png_bytes, upload

    resource = make_resource(uploads=[upload("poster.png", png_bytes(size=(1200, 800)))])
    version = FileVersion.objects.get(file__resource=resource)
    assert thumbnail_generate(version.pk)
    version.refresh_from_db()
    with version.thumbnail.open("rb") as handle:
        assert Image.open(handle).size == (320, 213)


def test_object_storage_gets_a_short_lived_address(member_client, discreet_mode_off, settings, monkeypatch):
    settings.MEDIA_SIGNED_URL_SECONDS = 60
    version = published_version()
    calls = []

    def signed_url(name, parameters=None, expire=None):
        calls.append((name, parameters, expire))
        return f"https://storage.example/{name}?signature=abc"

    monkeypatch.setattr(version.content.storage.__class__, "url", lambda self, name, **kw: signed_url(name, **kw))
    response = member_client.get(url(version))
    assert response.status_code == 302
    assert response["Location"] == f"https://storage.example/{version.content.name}?signature=abc"
    ((name, parameters, expire),) = calls
    assert expire == 60
    assert parameters["ResponseContentDisposition"] == 'attachment; filename="toolkit.pdf"'


def test_a_download_through_object_storage_is_counted(member_client, settings, monkeypatch):
    settings.MEDIA_SIGNED_URL_SECONDS = 60
    version = published_version()
    monkeypatch.setattr(version.content.storage.__class__, "url", lambda self, name, **kw: "https://s.example/x")
    member_client.get(url(version))
    version.refresh_from_db()
    assert version.download_count == 1


def test_a_preview_is_made_after_the_upload_commits(expert, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        resource = make_resource(author=expert)
    assert FileVersion.objects.get(file__resource=resource).thumbnail
