"""Uploads sent in pieces: resuming after a dropped connection, claiming by the library's forms,
and the security cases (another member's upload, hostile input, limits, expiry)."""

import io
import uuid
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from resources import partial_uploads
from resources.demo import build_pdf
from resources.models import FileVersion, PartialUpload, Resource
from tests.factories import UserFactory

from .factories import make_resource
from .test_views import post_data

pytestmark = pytest.mark.django_db

PDF = build_pdf("Referral pathways", ["For crisis centres."], author="Aigul Secret")


def start(client, name="pathways.pdf", size=None):
    size = len(PDF) if size is None else size
    return client.post("/resources/uploads/", {"name": name, "size": str(size)})


def piece(client, url, data: bytes, offset: int):
    return client.generic(
        "PATCH", url, data, content_type="application/offset+octet-stream", headers={"Upload-Offset": str(offset)}
    )


def stored_bytes(upload) -> bytes:
    """What the server holds of an upload, put together from its stored pieces."""
    upload.refresh_from_db()
    with partial_uploads.upload_open(upload) as handle:
        return handle.read()


def send_whole(client, content=PDF, name="pathways.pdf", chunk=100) -> str:
    state = start(client, name=name, size=len(content)).json()
    for offset in range(0, len(content), chunk):
        assert piece(client, state["url"], content[offset : offset + chunk], offset).status_code == 200
    return state["id"]


def test_a_file_sent_in_pieces_becomes_a_resource_and_is_inspected_by_its_content(
    client, expert, django_capture_on_commit_callbacks
):
    client.force_login(expert)
    upload_id = send_whole(client)
    assert stored_bytes(PartialUpload.objects.get()) == PDF

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/resources/new/", {**post_data(), "uploaded": [upload_id]})

    resource = Resource.objects.get()
    assert response.status_code == 302 and response["Location"] == resource.get_absolute_url()
    version = FileVersion.objects.get()
    assert version.original_name == "pathways.pdf"
    assert version.metadata_stripped
    assert b"Aigul Secret" not in version.content.read()
    assert resource.files.get().label == "pathways"
    # Claimed: the row and the stored pieces are gone.
    assert not PartialUpload.objects.exists()
    assert not partial_uploads.stored_pieces(upload_id)


def test_the_upload_says_where_it_stands_and_resumes_from_there(member_client):
    state = start(member_client).json()
    assert state["offset"] == 0 and state["size"] == len(PDF) and state["chunk_size"] > 0
    piece(member_client, state["url"], PDF[:300], 0)

    # After a dropped connection the browser asks how much arrived.
    status = member_client.get(state["url"])
    assert status.json()["offset"] == 300 and status["Upload-Offset"] == "300"

    # A piece sent again (its answer was lost) is refused with the real offset, never written twice.
    again = piece(member_client, state["url"], PDF[:300], 0)
    assert again.status_code == 409 and again.json()["offset"] == 300
    ahead = piece(member_client, state["url"], PDF[400:500], 400)
    assert ahead.status_code == 409 and ahead.json()["offset"] == 300

    done = piece(member_client, state["url"], PDF[300:], 300)
    assert done.json()["offset"] == len(PDF)
    assert stored_bytes(PartialUpload.objects.get()) == PDF


def test_bytes_left_by_a_piece_that_never_committed_are_overwritten(member_client):
    state = start(member_client).json()
    piece(member_client, state["url"], PDF[:100], 0)
    upload = PartialUpload.objects.get()
    # A piece written at offset 100 by a request whose row update was rolled back.
    default_storage.save(f"partial/{upload.pk}/{100:012d}.part", ContentFile(b"garbage from a crashed request"))
    piece(member_client, state["url"], PDF[100:], 100)
    assert stored_bytes(upload) == PDF


def test_another_members_upload_does_not_exist_for_them(client, member, other_member):
    client.force_login(member)
    state = start(client).json()
    piece(client, state["url"], PDF[:100], 0)

    intruder = Client()
    intruder.force_login(other_member)
    assert intruder.get(state["url"]).status_code == 404
    assert piece(intruder, state["url"], PDF[100:200], 100).status_code == 404
    assert intruder.delete(state["url"]).status_code == 404
    upload = PartialUpload.objects.get()
    assert upload.received == 100 and stored_bytes(upload) == PDF[:100]


def test_another_members_finished_upload_cannot_be_claimed(client, expert, other_member):
    client.force_login(other_member)
    theirs = send_whole(client)
    client.force_login(expert)

    response = client.post("/resources/new/", {**post_data(title="Kept"), "uploaded": [theirs]})

    assert response.status_code == 200
    assert "An uploaded file has expired or was already used." in response.content.decode()
    assert not Resource.objects.exists()
    assert PartialUpload.objects.get().owner == other_member


def test_an_unfinished_upload_cannot_be_claimed(member_client):
    state = start(member_client).json()
    piece(member_client, state["url"], PDF[:100], 0)
    response = member_client.post("/resources/new/", {**post_data(), "uploaded": [state["id"]]})
    assert "An uploaded file has expired or was already used." in response.content.decode()
    assert not Resource.objects.exists()


@pytest.mark.parametrize(
    "value", ["not-a-uuid", "1; DROP TABLE resources_resource", "6f1c2a9e-3b7d-4c55-9a0e-0d2f4b8e1a77", "../../etc"]
)
def test_hostile_upload_ids_are_refused_with_a_message(member_client, value):
    response = member_client.post("/resources/new/", {**post_data(), "uploaded": [value]})
    assert response.status_code == 200
    assert "An uploaded file has expired or was already used." in response.content.decode()


def test_a_form_sent_back_with_errors_keeps_the_files_already_sent(client, expert):
    client.force_login(expert)
    upload_id = send_whole(client)

    response = client.post("/resources/new/", {**post_data(title=""), "uploaded": [upload_id]})

    content = response.content.decode()
    assert response.status_code == 200
    assert "What you typed and the files already sent are kept below." in content
    assert f'value="{upload_id}"' in content and "checked" in content and "pathways.pdf" in content
    assert PartialUpload.objects.filter(pk=upload_id).exists()

    # Corrected and sent again: no file travels a second time.
    response = client.post("/resources/new/", {**post_data(), "uploaded": [upload_id]})
    assert response.status_code == 302
    assert FileVersion.objects.get().original_name == "pathways.pdf"


def test_a_file_refused_on_inspection_stays_uploaded_for_a_corrected_form(client, expert):
    client.force_login(expert)
    markup = b"<html><script>alert(1)</script></html>"
    upload_id = send_whole(client, content=markup, name="notes.txt")

    response = client.post("/resources/new/", {**post_data(), "uploaded": [upload_id]})

    assert "Web pages and SVG images can contain scripts and are not accepted." in response.content.decode()
    assert not Resource.objects.exists()
    assert PartialUpload.objects.filter(pk=upload_id).exists()


def test_a_file_and_a_new_version_can_be_sent_in_pieces(client, expert):
    resource = make_resource(author=expert)
    client.force_login(expert)
    response = client.post(f"/resources/{resource.pk}/files/new/", {"label": "Annex", "uploaded": [send_whole(client)]})
    assert response.status_code == 302
    item = resource.files.get(label="Annex")

    response = client.post(f"/resources/files/{item.pk}/new-version/", {"uploaded": [send_whole(client)]})
    assert response.status_code == 302
    assert list(item.versions.values_list("number", flat=True)) == [2, 1]
    assert not PartialUpload.objects.exists()


def test_a_single_file_form_takes_one_file(client, expert):
    resource = make_resource(author=expert)
    client.force_login(expert)
    two = [send_whole(client), send_whole(client, name="other.pdf")]
    response = client.post(f"/resources/{resource.pk}/files/new/", {"uploaded": two})
    assert "Choose one file." in response.content.decode()
    response = client.post(f"/resources/{resource.pk}/files/new/", {"label": "Nothing"})
    assert "Choose a file." in response.content.decode()
    assert resource.files.count() == 1


def test_a_piece_of_someone_elses_resource_form_is_still_checked_for_the_resource(client, member):
    # Uploading is open to members, but the file still lands only where they may add files.
    resource = make_resource()
    client.force_login(member)
    response = client.post(f"/resources/{resource.pk}/files/new/", {"uploaded": [send_whole(client)]})
    assert response.status_code == 403
    assert resource.files.count() == 1


@pytest.mark.parametrize(
    "name,size,message",
    [
        ("setup.exe", 1000, "Files ending in “.exe” are not accepted."),
        ("../../etc/passwd.pdf", 1000, "The file name looks like a folder path."),
        ("report\n.pdf", 1000, "The file name contains line breaks or control characters."),
        ("report.pdf", 0, "The file is empty."),
        ("report.pdf", "lots", "The file size is missing."),
        ("report.pdf", -5, "The file size is missing."),
        ("report.pdf", 10**12, "is larger than"),
    ],
)
def test_a_refused_file_is_refused_before_any_byte_is_sent(member_client, name, size, message):
    response = start(member_client, name=name, size=size)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not PartialUpload.objects.exists()


@pytest.mark.parametrize(
    "name,first_bytes,message",
    [
        ("report.pdf", b"MZ\x90\x00" + b"\x00" * 60, "Programs cannot be shared on the hub."),
        ("report.pdf", b"Just some text pretending" * 3, "This file is not really a PDF file."),
        ("photo.png", b"\xff\xd8\xff\xe0" + b"\x00" * 60, "This file is not really a PNG file."),
        ("notes.docx", b"%PDF-1.4" + b"\x00" * 60, "This file is not really a Word (.docx) file."),
    ],
)
def test_the_first_piece_already_shows_a_file_that_is_not_what_its_name_says(member_client, name, first_bytes, message):
    state = start(member_client, name=name, size=10_000).json()
    response = piece(member_client, state["url"], first_bytes, 0)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert PartialUpload.objects.get().received == 0


def test_pieces_beyond_the_announced_size_or_malformed_are_refused(member_client):
    state = start(member_client, size=150).json()
    assert piece(member_client, state["url"], PDF[:200], 0).status_code == 400
    no_offset = member_client.generic("PATCH", state["url"], PDF[:10], content_type="application/offset+octet-stream")
    assert no_offset.status_code == 400 and no_offset.json()["error"]
    assert piece(member_client, state["url"], b"", 0).status_code == 400
    too_big = b"%PDF-" + b"0" * partial_uploads.MAX_CHUNK_BYTES
    state = start(member_client, size=len(too_big) + 10).json()
    assert piece(member_client, state["url"], too_big, 0).status_code == 400
    assert not PartialUpload.objects.filter(received__gt=0).exists()


def test_pieces_need_the_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    client.get("/resources/new/")
    token = client.cookies["csrftoken"].value
    state = client.post("/resources/uploads/", {"name": "a.pdf", "size": "100"}, headers={"X-CSRFToken": token})
    assert state.status_code == 201
    url = state.json()["url"]
    assert piece(client, url, PDF[:50], 0).status_code == 403
    assert client.delete(url).status_code == 403
    assert client.post("/resources/uploads/", {"name": "a.pdf", "size": "100"}).status_code == 403


def test_a_member_can_cancel_an_upload(member_client, django_capture_on_commit_callbacks):
    state = start(member_client).json()
    piece(member_client, state["url"], PDF[:100], 0)
    assert partial_uploads.stored_pieces(state["id"])
    with django_capture_on_commit_callbacks(execute=True):
        assert member_client.delete(state["url"]).status_code == 204
    assert not PartialUpload.objects.exists() and not partial_uploads.stored_pieces(state["id"])
    assert member_client.get(state["url"]).status_code == 404


def test_unfinished_uploads_expire_and_the_cleanup_removes_them(
    member_client, settings, django_capture_on_commit_callbacks
):
    state = start(member_client).json()
    piece(member_client, state["url"], PDF[:100], 0)
    upload = PartialUpload.objects.get()
    PartialUpload.objects.filter(pk=upload.pk).update(
        updated_at=timezone.now() - timedelta(hours=settings.UPLOAD_PARTIAL_HOURS + 1)
    )
    assert member_client.get(state["url"]).status_code == 404
    assert piece(member_client, state["url"], PDF[100:200], 100).status_code == 404
    orphan = uuid.uuid4()
    default_storage.save(f"partial/{orphan}/{0:012d}.part", ContentFile(b"left by a crash"))
    earlier = default_storage.save(f"partial/{uuid.uuid4()}.part", ContentFile(b"the earlier layout"))
    kept = start(member_client).json()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("upload_cleanup", stdout=io.StringIO())

    assert list(PartialUpload.objects.values_list("pk", flat=True)) == [uuid.UUID(kept["id"])]
    assert not partial_uploads.stored_pieces(upload.pk) and not partial_uploads.stored_pieces(orphan)
    assert not default_storage.exists(earlier)


def test_a_member_cannot_keep_unlimited_unfinished_uploads(member_client, monkeypatch):
    monkeypatch.setattr(partial_uploads, "MAX_OPEN_PER_MEMBER", 2)
    assert start(member_client).status_code == 201
    assert start(member_client).status_code == 201
    response = start(member_client)
    assert response.status_code == 400 and "too many unfinished uploads" in response.json()["error"]


def test_announcing_uploads_is_rate_limited(member_client, settings):
    settings.RATE_LIMITS = {"upload": (2, 3600)}
    start(member_client)
    start(member_client)
    response = start(member_client)
    assert response.status_code == 429 and response.json()["code"] == "rate_limited"


def test_a_suspended_member_cannot_go_on_with_an_upload(client, member):
    client.force_login(member)
    state = start(client).json()
    member.status = "suspended"
    member.save()
    response = piece(client, state["url"], PDF[:100], 0)
    assert response.status_code in (302, 403)
    assert PartialUpload.objects.get().received == 0


def test_leaving_the_alliance_deletes_unfinished_uploads(member_client, member, django_capture_on_commit_callbacks):
    from accounts.deletion import ContentChoice, account_delete

    state = start(member_client).json()
    piece(member_client, state["url"], PDF[:100], 0)
    assert partial_uploads.stored_pieces(state["id"])
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(member=member, content=ContentChoice.ERASE)
    assert not PartialUpload.objects.exists() and not partial_uploads.stored_pieces(state["id"])


def test_refusals_are_in_the_members_language(member_client, member):
    member.ui_language = "ru"
    member.save()
    response = start(member_client, name="x.pdf", size=0)
    assert response.json()["error"] == "Файл пустой."


def test_other_users_see_no_upload_in_the_form(client, expert):
    # The form lists only the uploads it was sent with, never every upload of the member.
    UserFactory()
    client.force_login(expert)
    send_whole(client)
    content = client.get("/resources/new/").content.decode()
    assert "pathways.pdf" not in content
