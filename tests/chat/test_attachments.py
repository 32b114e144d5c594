"""Photos and files in chat: checked by content, shown in the message as the page and the
live frames render it, served only to who may read the room."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import Client
from PIL import Image

from accounts.models import Status
from chat import rendering, services
from chat.attachments import ChatAttachment, attachment_for, attachment_upload
from tests.chat import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def photo() -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (42.0, 52.0, 11.0)}
    out = io.BytesIO()
    Image.new("RGB", (80, 60), (30, 110, 160)).save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content, "application/octet-stream")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def _photo_in(room, sender):
    return attachment_upload(uploader=sender, room=room, upload=upload("shelter.jpg", photo()))


def test_the_composer_upload_answers_the_reference_and_strips_the_location(member):
    room = factories.open_room()
    response = logged_in(member).post(f"/chat/{room.pk}/attachments/", {"file": upload("shelter.jpg", photo())})
    assert response.status_code == 201, response.content
    attachment = ChatAttachment.objects.get()
    assert response.json()["reference"] == f"![shelter.jpg](upload:{attachment.pk})"
    with Image.open(attachment.file) as stored:
        assert not stored.getexif()


def test_a_file_that_is_not_what_its_name_says_is_refused(member):
    room = factories.open_room()
    response = logged_in(member).post(
        f"/chat/{room.pk}/attachments/", {"file": upload("photo.jpg", b"<html><script>x</script></html>")}
    )
    assert response.status_code == 400
    assert response.json()["error"]
    assert not ChatAttachment.objects.exists()


def test_uploading_into_a_room_one_cannot_read_is_404(member, other_member):
    room = factories.private_room(owner=other_member)
    response = logged_in(member).post(f"/chat/{room.pk}/attachments/", {"file": upload("a.jpg", photo())})
    assert response.status_code == 404
    with pytest.raises(Http404):
        attachment_upload(uploader=member, room=room, upload=upload("a.jpg", photo()))


def test_a_message_shows_its_photo_as_a_thumbnail_in_the_page_and_the_live_frame(member, other_member):
    room = factories.open_room()
    image = _photo_in(room, member)
    message = factories.send(member, room, body=f"Our new room:\n\n![The room](upload:{image.pk})")
    image.refresh_from_db()
    assert image.message_id == message.pk
    fragment = rendering.message_fragment(message, language="en")
    assert f'<img src="/chat/attachments/{image.pk}/thumb/" alt="The room"' in fragment
    assert f'href="/chat/attachments/{image.pk}/"' in fragment
    page = logged_in(other_member).get(room.get_absolute_url()).content.decode()
    assert f"/chat/attachments/{image.pk}/thumb/" in page


def test_light_mode_shows_a_link_instead_of_the_photo(member, other_member):
    room = factories.open_room()
    image = _photo_in(room, member)
    factories.send(member, room, body=f"![The room](upload:{image.pk})")
    other_member.light_mode = True
    other_member.save(update_fields=["light_mode"])
    page = logged_in(other_member).get(room.get_absolute_url()).content.decode()
    assert f'href="/chat/attachments/{image.pk}/"' in page
    assert f"/chat/attachments/{image.pk}/thumb/" not in page


def test_pictures_from_elsewhere_and_others_uploads_are_plain_text(member, other_member):
    room = factories.open_room()
    theirs = _photo_in(room, other_member)
    message = factories.send(member, room, body=f"![x](https://evil.example/p.png) ![mine](upload:{theirs.pk})")
    message.refresh_from_db()
    assert "<img" not in message.body_html
    assert "/chat/attachments/" not in message.body_html
    theirs.refresh_from_db()
    assert theirs.message_id is None


def test_an_upload_from_another_room_is_not_shown(member):
    elsewhere = factories.country_room("kz")
    image = _photo_in(elsewhere, member)
    message = factories.send(member, factories.open_room(), body=f"![x](upload:{image.pk})")
    message.refresh_from_db()
    assert "<img" not in message.body_html


def test_the_form_without_javascript_sends_a_photo(member):
    room = factories.open_room()
    response = logged_in(member).post(
        f"/chat/{room.pk}/send/", {"body": "", "client_id": "nojs-1", "attachment": upload("room.jpg", photo())}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    attachment = ChatAttachment.objects.get()
    assert attachment.message is not None
    assert "<img" in attachment.message.body_html


def test_a_refused_file_in_the_form_keeps_the_text(member):
    room = factories.open_room()
    response = logged_in(member).post(
        f"/chat/{room.pk}/send/",
        {"body": "My careful words", "client_id": "nojs-2", "attachment": upload("x.jpg", b"<html>x</html>")},
    )
    assert response.status_code == 400
    assert "My careful words" in response.content.decode()
    assert not ChatAttachment.objects.exists()


# --- Access ---------------------------------------------------------------------------


def test_room_members_get_the_photo_with_safe_headers(member, other_member):
    room = factories.private_room(owner=member, members=[other_member])
    image = _photo_in(room, member)
    factories.send(member, room, body=f"![p](upload:{image.pk})")
    response = logged_in(other_member).get(f"/chat/attachments/{image.pk}/")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert f"document-{image.pk}.jpg" in response["Content-Disposition"]  # discreet by default
    assert logged_in(other_member).get(f"/chat/attachments/{image.pk}/thumb/").status_code == 200


def test_a_member_outside_the_private_room_gets_404(member, other_member):
    room = factories.private_room(owner=member)
    image = _photo_in(room, member)
    factories.send(member, room, body=f"![p](upload:{image.pk})")
    assert logged_in(other_member).get(f"/chat/attachments/{image.pk}/").status_code == 404
    assert logged_in(other_member).get(f"/chat/attachments/{image.pk}/thumb/").status_code == 404


def test_anonymous_and_suspended_get_nothing(member):
    room = factories.open_room()
    image = _photo_in(room, member)
    factories.send(member, room, body=f"![p](upload:{image.pk})")
    anonymous = Client().get(f"/chat/attachments/{image.pk}/")
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    suspended = UserFactory(status=Status.SUSPENDED)
    assert logged_in(suspended).get(f"/chat/attachments/{image.pk}/").status_code in (302, 404)
    with pytest.raises(Http404):
        attachment_for(suspended, image.pk)


def test_a_removed_message_takes_its_photo_with_it(member, other_member):
    room = factories.open_room()
    image = _photo_in(room, member)
    message = factories.send(member, room, body=f"![p](upload:{image.pk})")
    services.message_delete(actor=member, message=message)
    assert logged_in(other_member).get(f"/chat/attachments/{image.pk}/").status_code == 404


def test_before_sending_only_the_uploader_sees_the_upload(member, other_member):
    image = _photo_in(factories.open_room(), member)
    assert logged_in(member).get(f"/chat/attachments/{image.pk}/").status_code == 200
    assert logged_in(other_member).get(f"/chat/attachments/{image.pk}/").status_code == 404


def test_export_and_erase(member):
    from accounts.rights import erasure_steps, export_steps

    room = factories.open_room()
    sent = _photo_in(room, member)
    factories.send(member, room, body=f"![p](upload:{sent.pk})")
    _photo_in(room, member)
    part = next(step.run for step in export_steps() if step.key == "chat_attachments")(member)
    assert len(part.data) == 2 and len(part.files) == 2
    erase = next(step.run for step in erasure_steps() if step.key == "chat_attachments")
    assert erase(user=member, erase=False) == {"chat_attachments": 1}
    assert erase(user=member, erase=True) == {"chat_attachments": 1}
    assert not ChatAttachment.objects.exists()


def test_an_oversize_photo_is_refused_with_the_limit(member, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    with pytest.raises(ValidationError) as error:
        attachment_upload(
            uploader=member,
            room=factories.open_room(),
            upload=upload("big.jpg", b"\xff\xd8\xff" + b"0" * (1024 * 1024 + 1)),
        )
    assert error.value.code == "too_large"
    assert re.search(r"\b1 MB\b", error.value.messages[0])


def test_the_room_page_costs_the_same_with_one_photo_or_many(member, other_member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    room = factories.open_room()
    client = logged_in(other_member)

    def cost():
        client.get(room.get_absolute_url())  # the session's first visit records itself
        with CaptureQueriesContext(connection) as queries:
            assert client.get(room.get_absolute_url()).status_code == 200
        return len(queries)

    image = _photo_in(room, member)
    factories.send(member, room, body=f"![p](upload:{image.pk})")
    one = cost()
    for _ in range(5):
        image = _photo_in(room, member)
        factories.send(member, room, body=f"![p](upload:{image.pk})")
    assert cost() == one


def test_the_data_archive_holds_forum_and_chat_uploads_that_share_an_id(member):
    import zipfile

    from accounts.export import export_zip
    from forum.attachments import PostAttachment
    from forum.attachments import attachment_upload as forum_upload

    sent = _photo_in(factories.open_room(), member)
    poster = forum_upload(uploader=member, upload=upload("poster.jpg", photo()))
    PostAttachment.objects.filter(pk=poster.pk).update(id=sent.pk)  # the same id in both tables
    archive = zipfile.ZipFile(io.BytesIO(export_zip(member)))
    names = [name for name in archive.namelist() if name.startswith("files/")]
    assert len(names) == len(set(names)) == 2
    assert {name.split("-")[0] for name in names} == {"files/chat", "files/forum"}
