"""Uploads in a private bucket of S3-compatible object storage (MEDIA_S3_BUCKET), tested against
a local server that answers like S3 (tests/core/s3_server.py): the app checks every download
itself, then sends the member to a signed address that expires; the bucket serves nothing else."""

import io
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
from django.test import Client

from accounts import deletion
from config.settings import s3_media_storage
from forum.attachments import PostAttachment
from resources.models import FileVersion
from tests.core.s3_server import ACCESS_KEY, REGION, SECRET_KEY, PrivateS3Server, presigned_refusal
from tests.helpers import reauthenticated
from tests.resources.factories import make_resource, pdf_upload, png_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def s3_server():
    server = PrivateS3Server()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def bucket(s3_server, settings):
    """A fresh private bucket, made the app's default storage with the production options."""
    name = f"hub-{uuid.uuid4().hex[:24]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_server.endpoint_url,
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    )
    client.create_bucket(Bucket=name)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_media_storage(
            name,
            endpoint_url=s3_server.endpoint_url,
            region_name=REGION,
            access_key=ACCESS_KEY,
            secret_key=SECRET_KEY,
            addressing_style="path",
        ),
    }
    settings.MEDIA_SIGNED_URL_SECONDS = 60

    def stored() -> set[str]:
        return {item["Key"] for item in client.list_objects_v2(Bucket=name).get("Contents", [])}

    return SimpleNamespace(name=name, client=client, stored=stored, endpoint=s3_server.endpoint_url)


def fetch(url: str, headers=None):
    """GET ``url`` as a browser would: (status, headers, body)."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - the local test server
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def published_version(**kwargs) -> FileVersion:
    resource = make_resource(uploads=[pdf_upload(name="Safety plan for survivors.pdf")], **kwargs)
    return FileVersion.objects.get(file__resource=resource)


def assert_no_address_leaked(response, bucket) -> None:
    assert response.status_code != 302 or not response["Location"].startswith(bucket.endpoint)
    assert bucket.endpoint.encode() not in response.content and bucket.name.encode() not in response.content


# --- Library files --------------------------------------------------------------------


def test_an_upload_through_the_library_service_lands_in_the_bucket(bucket):
    version = published_version()
    assert version.content.name in bucket.stored()
    stored = bucket.client.get_object(Bucket=bucket.name, Key=version.content.name)["Body"].read()
    assert stored.startswith(b"%PDF-") and len(stored) == version.size


def test_a_member_is_sent_to_a_signed_address_that_serves_the_file_under_a_neutral_name(member_client, bucket):
    version = published_version()
    response = member_client.get(f"/resources/files/{version.pk}/download/")

    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(f"{bucket.endpoint}/{bucket.name}/")
    assert parse_qs(urlsplit(location).query)["X-Amz-Expires"] == ["60"]
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    # The address names the object by its random key, never by the file's own name.
    assert "Safety" not in location.split("?")[0]

    status, headers, content = fetch(location)
    assert status == 200
    assert content.startswith(b"%PDF-") and len(content) == version.size
    assert headers["Content-Disposition"] == f'attachment; filename="document-{version.pk}.pdf"'
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Cache-Control"] == "private, no-store"


def test_a_signed_address_answers_ranges_so_a_dropped_download_resumes(member_client, bucket):
    version = published_version()
    location = member_client.get(f"/resources/files/{version.pk}/download/")["Location"]
    status, headers, content = fetch(location, headers={"Range": "bytes=100-"})
    assert status == 206 and headers["Content-Range"] == f"bytes 100-{version.size - 1}/{version.size}"
    assert len(content) == version.size - 100


def test_a_handed_off_download_is_counted(member_client, bucket):
    version = published_version()
    member_client.get(f"/resources/files/{version.pk}/download/")
    version.refresh_from_db()
    assert version.download_count == 1


def test_the_bucket_serves_nothing_without_a_valid_signature(member_client, bucket):
    version = published_version()
    location = member_client.get(f"/resources/files/{version.pk}/download/")["Location"]

    assert fetch(location.split("?")[0])[0] == 403  # the object's plain address
    tampered = location.replace("document-", "toolkit-")  # another file name asked for
    assert fetch(tampered)[0] == 403
    other_key = location.replace(version.content.name, "versions/another-object.pdf")
    assert fetch(other_key)[0] == 403


def test_a_signed_address_expires(member_client, bucket, settings):
    version = published_version()
    # The production lifetime: valid for a minute, refused after it.
    location = member_client.get(f"/resources/files/{version.pk}/download/")["Location"]
    split = urlsplit(location)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"{split.path}?{split.query}",
        "QUERY_STRING": split.query,
        "HTTP_HOST": split.netloc,
    }
    signed_at = parse_qs(split.query)["X-Amz-Date"][0]
    signed = datetime.strptime(signed_at, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert presigned_refusal(environ, now=signed + timedelta(seconds=59)) is None
    assert presigned_refusal(environ, now=signed + timedelta(seconds=61)) == "Request has expired"

    # And for real, over HTTP, with a one-second address.
    settings.MEDIA_SIGNED_URL_SECONDS = 1
    location = member_client.get(f"/resources/files/{version.pk}/download/")["Location"]
    assert fetch(location)[0] == 200
    # Signing times are whole seconds: wait until one second after the signing second is over.
    signed_at = parse_qs(urlsplit(location).query)["X-Amz-Date"][0]
    expiry = datetime.strptime(signed_at, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC).timestamp() + 1
    time.sleep(max(expiry - time.time(), 0) + 0.05)
    status, _headers, content = fetch(location)
    assert status == 403 and b"expired" in content


def test_anonymous_visitors_get_no_address(client, bucket):
    version = published_version()
    response = client.get(f"/resources/files/{version.pk}/download/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert_no_address_leaked(response, bucket)


def test_another_member_gets_no_address_of_an_unpublished_file(bucket, member, other_member):
    resource = make_resource(author=member, submit=False, uploads=[pdf_upload()])
    version = FileVersion.objects.get(file__resource=resource)
    stranger = Client()
    stranger.force_login(other_member)
    response = stranger.get(f"/resources/files/{version.pk}/download/")
    assert response.status_code in (403, 404)
    assert_no_address_leaked(response, bucket)


def test_thumbnails_are_streamed_from_the_site_not_redirected(
    member_client, bucket, django_capture_on_commit_callbacks
):
    # Pictures inside pages come from this site: the pages' CSP admits no other.
    with django_capture_on_commit_callbacks(execute=True):
        resource = make_resource(uploads=[upload("poster.png", png_bytes(size=(400, 300)))])
    version = FileVersion.objects.get(file__resource=resource)
    assert version.thumbnail.name in bucket.stored()
    response = member_client.get(f"/resources/files/{version.pk}/thumbnail/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_preview_pages_are_kept_in_the_bucket_streamed_from_the_site_and_erased_with_their_file(
    client, member, bucket, django_capture_on_commit_callbacks
):
    from resources.erasure import resources_erase_for
    from tests.resources.factories import multipage_pdf_upload

    draft = make_resource(author=member, submit=False, uploads=[multipage_pdf_upload(pages=3)])
    version = FileVersion.objects.get(file__resource=draft)
    client.force_login(member)
    response = client.get(f"/resources/{draft.pk}/preview/{version.pk}/page/2.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    pages = {key for key in bucket.stored() if key.startswith(f"previews/{version.pk}/")}
    assert len(pages) == 1

    with django_capture_on_commit_callbacks(execute=True):
        resources_erase_for(user=member, former_name="Former member")

    assert not pages & bucket.stored() and version.content.name not in bucket.stored()


# --- Attachments ------------------------------------------------------------------------


def test_a_forum_attachment_is_stored_in_the_bucket_and_handed_off_to_its_uploader_only(
    member_client, bucket, other_member
):
    response = member_client.post(
        "/forum/attachments/upload/", {"file": upload("notes.pdf", pdf_upload().read(), "application/pdf")}
    )
    assert response.status_code == 201, response.content
    attachment = PostAttachment.objects.get(pk=response.json()["id"])
    assert attachment.file.name in bucket.stored()

    response = member_client.get(f"/forum/attachments/{attachment.pk}/")
    assert response.status_code == 302
    status, headers, content = fetch(response["Location"])
    assert status == 200 and content.startswith(b"%PDF-")
    assert headers["Content-Disposition"] == f'attachment; filename="document-{attachment.pk}.pdf"'

    # Not yet in a post: nobody else may know it exists.
    stranger = Client()
    stranger.force_login(other_member)
    refused = stranger.get(f"/forum/attachments/{attachment.pk}/")
    assert refused.status_code == 404
    assert_no_address_leaked(refused, bucket)


def test_a_picture_attachment_opens_inline_and_its_thumbnail_comes_from_the_site(member_client, bucket):
    response = member_client.post("/forum/attachments/upload/", {"file": upload("photo.png", png_bytes())})
    attachment = PostAttachment.objects.get(pk=response.json()["id"])

    response = member_client.get(f"/forum/attachments/{attachment.pk}/")
    status, headers, content = fetch(response["Location"])
    assert status == 200 and content.startswith(b"\x89PNG")
    assert headers["Content-Disposition"] == f'inline; filename="document-{attachment.pk}.png"'
    assert headers["Content-Type"] == "image/png"

    thumb = member_client.get(f"/forum/attachments/{attachment.pk}/thumb/")
    assert thumb.status_code == 200 and "Location" not in thumb


def test_a_chat_photo_is_handed_off_to_the_rooms_readers_only(member, other_member, bucket):
    from chat.attachments import attachment_upload
    from tests.chat import factories as chat

    room = chat.private_room(owner=member)
    photo = attachment_upload(uploader=member, room=room, upload=upload("shelter.png", png_bytes()))
    chat.send(member, room, body=f"![The room](upload:{photo.pk})")
    assert photo.file.name in bucket.stored()

    reader = Client()
    reader.force_login(member)
    response = reader.get(f"/chat/attachments/{photo.pk}/")
    assert response.status_code == 302
    status, headers, content = fetch(response["Location"])
    assert status == 200 and content.startswith(b"\x89PNG")
    assert headers["Content-Disposition"] == f'inline; filename="document-{photo.pk}.png"'

    outsider = Client()
    outsider.force_login(other_member)
    refused = outsider.get(f"/chat/attachments/{photo.pk}/")
    assert refused.status_code == 404
    assert_no_address_leaked(refused, bucket)


# --- The data archive -------------------------------------------------------------------


def test_the_data_archive_is_handed_off_to_its_owner_alone(
    member_client, member, other_member, bucket, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reauthenticated(member_client).post("/accounts/export/")
    (key,) = [key for key in bucket.stored() if key.startswith(f"exports/{member.pk}/")]
    token = key.rsplit("/", 1)[1].removesuffix(".zip")
    link = f"/accounts/export/{token}/"

    response = reauthenticated(member_client).get(link)
    assert response.status_code == 302
    status, headers, content = fetch(response["Location"])
    assert status == 200 and zipfile.is_zipfile(io.BytesIO(content))
    assert headers["Content-Disposition"].startswith('attachment; filename="archive-')
    assert headers["Content-Type"] == "application/zip"

    stranger = reauthenticated(Client(), other_member)
    refused = stranger.get(link)
    assert refused.status_code == 404
    assert_no_address_leaked(refused, bucket)


# --- Erasure ----------------------------------------------------------------------------


def test_deleting_an_account_with_its_content_deletes_its_objects(
    member_client, member, bucket, django_capture_on_commit_callbacks
):
    response = member_client.post("/forum/attachments/upload/", {"file": upload("photo.png", png_bytes())})
    attachment = PostAttachment.objects.get(pk=response.json()["id"])
    draft = make_resource(author=member, submit=False, uploads=[pdf_upload()])
    version = FileVersion.objects.get(file__resource=draft)
    mine = {attachment.file.name, attachment.thumbnail.name, version.content.name}
    assert mine <= bucket.stored()

    with django_capture_on_commit_callbacks(execute=True):
        deletion.account_delete(member=member, content="erase")

    assert not mine & bucket.stored()


# --- Uploads in pieces ----------------------------------------------------------------------


def test_a_file_sent_in_pieces_waits_in_the_bucket_and_becomes_a_resource(
    client, expert, bucket, django_capture_on_commit_callbacks
):
    from resources.demo import build_pdf
    from tests.resources.test_views import post_data

    client.force_login(expert)
    content = build_pdf("Referral pathways", ["For crisis centres."], author="Aigul Secret")
    state = client.post("/resources/uploads/", {"name": "pathways.pdf", "size": str(len(content))}).json()
    for offset in range(0, len(content), 1000):
        sent = client.generic(
            "PATCH",
            state["url"],
            content[offset : offset + 1000],
            content_type="application/offset+octet-stream",
            headers={"Upload-Offset": str(offset)},
        )
        assert sent.status_code == 200
    pieces = {key for key in bucket.stored() if key.startswith(f"partial/{state['id']}/")}
    assert len(pieces) == -(-len(content) // 1000)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/resources/new/", {**post_data(), "uploaded": [state["id"]]})

    assert response.status_code == 302
    version = FileVersion.objects.get()
    stored = bucket.client.get_object(Bucket=bucket.name, Key=version.content.name)["Body"].read()
    assert stored.startswith(b"%PDF-") and b"Aigul Secret" not in stored
    assert not pieces & bucket.stored()


def test_the_cleanup_finds_pieces_without_an_upload_in_the_bucket(bucket, member):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.core.management import call_command

    from resources import partial_uploads

    kept = partial_uploads.upload_start(owner=member, name="plan.pdf", size=10)
    default_storage.save(f"partial/{kept.pk}/{0:012d}.part", ContentFile(b"%PDF-"))
    orphan = uuid.uuid4()
    default_storage.save(f"partial/{orphan}/{0:012d}.part", ContentFile(b"left by a crash"))

    call_command("upload_cleanup", stdout=io.StringIO())

    assert partial_uploads.stored_pieces(kept.pk) and not partial_uploads.stored_pieces(orphan)
