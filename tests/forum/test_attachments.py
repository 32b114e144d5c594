"""Pictures and files in forum posts: checked by content, shown only to who may see the post,
never loaded from other sites."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from accounts.models import Status
from forum import services
from forum.attachments import PostAttachment, attachment_upload
from tests.factories import UserFactory
from tests.forum import factories

pytestmark = pytest.mark.django_db


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {2: (42.0, 52.0, 11.0), 1: "N", 4: (74.0, 35.0, 0.0), 3: "E"}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (30, 20), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content, "application/octet-stream")


def post_upload(client, name, content):
    return client.post("/forum/attachments/upload/", {"file": upload(name, content)})


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


# --- Content --------------------------------------------------------------------------


def test_a_jpeg_with_gps_exif_is_stored_without_it(member_client, member):
    with Image.open(io.BytesIO(jpeg_with_gps())) as original:
        assert original.getexif().get_ifd(0x8825)  # the test photo does carry a location
    response = post_upload(member_client, "holiday.jpg", jpeg_with_gps())
    assert response.status_code == 201, response.content
    attachment = PostAttachment.objects.get(pk=response.json()["id"])
    assert attachment.kind == "image" and attachment.cleaned
    assert response.json()["reference"] == f"![holiday.jpg](upload:{attachment.pk})"
    data = attachment.file.read()
    assert b"PhoneMaker" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif()
    assert attachment.thumbnail and (attachment.width, attachment.height) == (64, 48)


@pytest.mark.parametrize(
    "name,content,code",
    [
        ("report.pdf", png_bytes(), "mismatch"),  # a PNG renamed .pdf
        ("photo.jpg", b"<!doctype html><script>alert(1)</script>", "mismatch"),
        ("photo.jpg", b"<html><body>hi</body></html>", "mismatch"),
        ("song.mp3", b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\x00" * 64, "extension"),
        ("page.html", b"<html></html>", "extension"),
    ],
)
def test_files_are_refused_by_their_content(member, name, content, code):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        attachment_upload(uploader=member, upload=upload(name, content))
    assert error.value.code in (code, "markup", "unsupported")
    assert not PostAttachment.objects.exists()


def test_an_html_file_renamed_jpg_is_refused_with_a_translated_message(member_client, member):
    member.ui_language = "ru"
    member.save(update_fields=["ui_language"])
    response = member_client.post(
        "/forum/attachments/upload/",
        {"file": upload("photo.jpg", b"<html><script>alert(1)</script></html>")},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 400
    assert re.search("[а-яА-Я]", response.json()["error"]), response.json()["error"]
    assert not PostAttachment.objects.exists()


def test_an_oversize_file_is_refused_with_a_translated_message(member_client, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    big = b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10)
    response = post_upload(member_client, "big.pdf", big)
    assert response.status_code == 400
    assert "1 MB" in response.json()["error"]
    assert not PostAttachment.objects.exists()


def test_uploads_need_the_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert post_upload(client, "logo.png", png_bytes()).status_code == 403


@pytest.mark.parametrize("status", [Status.PENDING, Status.SUSPENDED])
def test_only_active_members_upload(client, status):
    client.force_login(UserFactory(status=status))
    response = post_upload(client, "logo.png", png_bytes())
    assert response.status_code in (302, 403, 404)
    assert not PostAttachment.objects.exists()


def test_anonymous_visitors_cannot_upload(client):
    assert post_upload(client, "logo.png", png_bytes()).status_code == 302
    assert not PostAttachment.objects.exists()


# --- Publishing and rendering ---------------------------------------------------------


def _image(user) -> PostAttachment:
    return attachment_upload(uploader=user, upload=upload("map.png", png_bytes()))


def test_a_reply_shows_its_picture_as_a_thumbnail_linking_to_the_full_size(member, other_member):
    thread = factories.thread(other_member)
    image = _image(member)
    post = factories.reply(thread, member, body=f"Our poster:\n\n![Poster](upload:{image.pk})")
    image.refresh_from_db()
    assert image.post_id == post.pk
    post.refresh_from_db()
    assert f'href="/forum/attachments/{image.pk}/"' in post.body_html
    assert f'<img src="/forum/attachments/{image.pk}/thumb/" alt="Poster"' in post.body_html
    assert post.body.endswith(f"(upload:{image.pk})")  # the source keeps the reference


def test_a_file_is_shown_as_a_link_with_its_size(member, other_member):
    thread = factories.thread(other_member)
    document = attachment_upload(uploader=member, upload=upload("notes.txt", b"Meeting notes"))
    post = factories.reply(thread, member, body=f"[Notes](upload:{document.pk})")
    post.refresh_from_db()
    assert (
        f'<a class="attachment attachment--file" href="/forum/attachments/{document.pk}/">Notes</a>' in post.body_html
    )
    assert "13\xa0bytes" in post.body_html
    assert "<img" not in post.body_html


def test_pictures_from_other_sites_are_never_shown(member, other_member):
    thread = factories.thread(other_member)
    post = factories.reply(thread, member, body="![tracker](https://evil.example/pixel.png) and <img src=x>")
    post.refresh_from_db()
    assert "<img" not in post.body_html
    assert "evil.example" in post.body_html  # a link at most


def test_someone_elses_or_a_missing_upload_is_plain_text(member, other_member):
    thread = factories.thread(other_member)
    theirs = _image(other_member)
    post = factories.reply(thread, member, body=f"![stolen](upload:{theirs.pk}) and [gone](upload:{theirs.pk + 999})")
    post.refresh_from_db()
    assert "<img" not in post.body_html
    assert "/forum/attachments/" not in post.body_html
    assert "stolen" in post.body_html and "gone" in post.body_html
    theirs.refresh_from_db()
    assert theirs.post_id is None  # not taken by another member's post


def test_an_upload_already_on_another_post_is_not_shown_again(member, other_member):
    thread = factories.thread(other_member)
    image = _image(member)
    first = factories.reply(thread, member, body=f"![a](upload:{image.pk})")
    second = factories.reply(thread, member, body=f"![a](upload:{image.pk})")
    second.refresh_from_db()
    image.refresh_from_db()
    assert image.post_id == first.pk
    assert "<img" not in second.body_html


def test_light_mode_shows_a_link_instead_of_the_picture(member, other_member):
    thread = factories.thread(other_member)
    image = _image(member)
    factories.reply(thread, member, body=f"![Poster](upload:{image.pk})")
    other_member.light_mode = True
    other_member.save(update_fields=["light_mode"])
    page = logged_in(other_member).get(thread.get_absolute_url() + "?page=1").content.decode()
    assert f'href="/forum/attachments/{image.pk}/"' in page
    assert f"/forum/attachments/{image.pk}/thumb/" not in page
    assert "<img" not in page.split('class="post__body"', 1)[1]


def test_the_reply_form_takes_a_file_without_javascript(member_client, member, other_member):
    thread = factories.thread(other_member)
    response = member_client.post(
        f"/forum/threads/{thread.pk}/reply/",
        {"body": "See the picture", "attachment": upload("poster.png", png_bytes())},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    attachment = PostAttachment.objects.get()
    assert attachment.post is not None and attachment.post.author == member
    assert f"![poster.png](upload:{attachment.pk})" in attachment.post.body


def test_a_refused_file_in_the_reply_form_keeps_the_text_and_says_why(member_client, other_member):
    thread = factories.thread(other_member)
    response = member_client.post(
        f"/forum/threads/{thread.pk}/reply/",
        {"body": "My long careful reply", "attachment": upload("poster.jpg", b"<html>no</html>")},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "My long careful reply" in page
    assert "errorlist" in page or "error" in page
    assert not PostAttachment.objects.exists()
    assert thread.posts.count() == 1


def test_the_new_thread_form_takes_a_file_without_javascript(member_client, member):
    response = member_client.post(
        "/forum/new/",
        {
            "category": "prevention",
            "title": "Posters for the campaign",
            "body": "Here is the draft poster",
            "attachment": upload("poster.png", png_bytes()),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    attachment = PostAttachment.objects.get()
    assert attachment.post.is_first


# --- Access ---------------------------------------------------------------------------


def _posted(member, other_member, *, category=None):
    kwargs = {"category": category} if category else {}
    thread = factories.thread(other_member, **kwargs)
    image = _image(member)
    post = factories.reply(thread, member, body=f"![Poster](upload:{image.pk})")
    image.refresh_from_db()
    return thread, post, image


def _fetch(user, image, suffix=""):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(f"/forum/attachments/{image.pk}/{suffix}")


def test_a_member_who_can_see_the_post_gets_the_picture_with_safe_headers(member, other_member):
    _thread, _post, image = _posted(member, other_member)
    reader = UserFactory(discreet_mode=False)
    response = _fetch(reader, image)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert 'filename="map.png"' in response["Content-Disposition"]
    assert _fetch(reader, image, "thumb/").status_code == 200


def test_discreet_mode_gives_the_file_a_neutral_name(member, other_member):
    _thread, _post, image = _posted(member, other_member)
    reader = UserFactory(discreet_mode=True)
    response = _fetch(reader, image)
    assert response.status_code == 200
    assert "map" not in response["Content-Disposition"]
    assert f"document-{image.pk}.png" in response["Content-Disposition"]


def test_anonymous_visitors_get_nothing(member, other_member):
    _thread, _post, image = _posted(member, other_member)
    response = _fetch(None, image)
    assert response.status_code in (302, 404)
    assert response.status_code == 404 or "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("status", [Status.SUSPENDED, Status.PENDING])
def test_suspended_and_pending_accounts_get_nothing(member, other_member, status):
    from django.http import Http404

    from forum.attachments import attachment_for

    _thread, _post, image = _posted(member, other_member)
    person = UserFactory(status=status)
    # The account-status middleware sends them to their status page before any view runs.
    assert _fetch(person, image).status_code in (302, 404)
    with pytest.raises(Http404):
        attachment_for(person, image.pk)
    # Nor an uploader once suspended, even their own file.
    member.status = status
    with pytest.raises(Http404):
        attachment_for(member, image.pk)


def test_a_member_who_cannot_see_the_private_category_gets_404(member, other_member):
    from taxonomy.models import Country

    kyrgyz = Country.objects.get(slug="kg")
    member.country = other_member.country = kyrgyz
    member.save(update_fields=["country"])
    other_member.save(update_fields=["country"])
    _thread, _post, image = _posted(member, other_member, category=factories.restricted_category())
    assert _fetch(UserFactory(country=kyrgyz), image).status_code == 200
    outsider = UserFactory(country=Country.objects.get(slug="kz"))
    assert _fetch(outsider, image).status_code == 404
    assert _fetch(outsider, image, "thumb/").status_code == 404


def test_a_hidden_post_hides_its_pictures(member, other_member, moderator):
    _thread, post, image = _posted(member, other_member)
    services.post_hide(actor=moderator, post=post, reason="Shows a face")
    assert _fetch(UserFactory(), image).status_code == 404
    assert _fetch(UserFactory(), image, "thumb/").status_code == 404


def test_a_deleted_post_takes_its_pictures_with_it(member, other_member):
    _thread, post, image = _posted(member, other_member)
    services.post_delete(actor=member, post=post)
    assert _fetch(UserFactory(), image).status_code == 404


def test_before_publishing_only_the_uploader_sees_the_upload(member, other_member):
    image = _image(member)
    assert _fetch(member, image).status_code == 200
    assert _fetch(other_member, image).status_code == 404
    assert _fetch(other_member, image, "thumb/").status_code == 404


def test_a_missing_attachment_is_404(member):
    assert Client().get("/forum/attachments/999999/").status_code in (302, 404)
    client = logged_in(member)
    assert client.get("/forum/attachments/999999/").status_code == 404


# --- Rights and cost ------------------------------------------------------------------


def test_export_lists_the_members_attachments_and_erase_removes_them(member, other_member):
    from accounts.rights import erasure_steps, export_steps

    _thread, _post, image = _posted(member, other_member)
    pending = _image(member)
    collect = next(step.run for step in export_steps() if step.key == "forum_attachments")
    part = collect(member)
    assert {entry["id"] for entry in part.data} == {image.pk, pending.pk}
    assert len(part.files) == 2
    erase = next(step.run for step in erasure_steps() if step.key == "forum_attachments")
    assert erase(user=member, erase=False) == {"forum_attachments": 1}
    assert PostAttachment.objects.filter(pk=image.pk).exists()  # stays with the anonymised post
    assert erase(user=member, erase=True) == {"forum_attachments": 1}
    assert not PostAttachment.objects.exists()


@pytest.mark.parametrize("pictures", [1, 6])
def test_a_thread_page_with_pictures_costs_a_constant_number_of_queries(
    member_client, member, other_member, django_assert_num_queries, pictures
):
    thread = factories.thread(other_member)
    for _ in range(pictures):
        image = _image(other_member)
        factories.reply(thread, other_member, body=f"![p](upload:{image.pk})")
    services.thread_mark_read(user=member, thread=thread, position=1)
    member_client.get("/forum/")
    # (One for the translations of the page's posts into the reader's language, one for the
    # languages the reader lists, which decide whether "Translate" shows.)
    with django_assert_num_queries(9):
        response = member_client.get(thread.get_absolute_url() + "?page=1")
    assert response.status_code == 200
    assert len(re.findall(r"/forum/attachments/\d+/thumb/", response.content.decode())) == pictures


def test_the_preview_shows_the_authors_picture_without_publishing_it(member, other_member):
    image = _image(member)
    theirs = _image(other_member)
    html = services.post_preview(author=member, body=f"![Poster](upload:{image.pk}) ![x](upload:{theirs.pk})")
    assert f'<img src="/forum/attachments/{image.pk}/thumb/" alt="Poster"' in html
    assert f"/forum/attachments/{theirs.pk}/" not in html
    image.refresh_from_db()
    assert image.post_id is None
