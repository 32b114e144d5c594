"""Pictures uploaded for a post or a message that was never published are deleted, files
included, once the grace period has passed, unless a saved draft still refers to them."""

import io
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from chat.attachments import ChatAttachment
from chat.attachments import attachment_upload as chat_upload
from chat.models import Room
from core.files.cleanup import unattached_remove
from forum.attachments import PostAttachment
from forum.attachments import attachment_upload as forum_upload
from forum.models import Draft
from tests.factories import UserFactory
from tests.forum import factories

pytestmark = pytest.mark.django_db


def _png(name="photo.png"):
    out = io.BytesIO()
    Image.new("RGB", (30, 20), (200, 30, 30)).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), "application/octet-stream")


def _aged(attachment, hours):
    type(attachment).objects.filter(pk=attachment.pk).update(created_at=timezone.now() - timedelta(hours=hours))


def test_an_old_unpublished_upload_goes_with_its_files_and_a_recent_one_stays(settings):
    settings.ATTACHMENT_UNATTACHED_HOURS = 48
    member = UserFactory()
    old, recent = forum_upload(uploader=member, upload=_png()), forum_upload(uploader=member, upload=_png())
    _aged(old, 49)
    names = [old.file.name, old.thumbnail.name]
    assert all(default_storage.exists(name) for name in names if name)

    assert unattached_remove() == 1

    assert list(PostAttachment.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not any(default_storage.exists(name) for name in names if name)


def test_a_published_posts_picture_is_never_removed(settings):
    member = UserFactory()
    attachment = forum_upload(uploader=member, upload=_png())
    post = factories.reply(factories.thread(author=member), author=member)
    PostAttachment.objects.filter(pk=attachment.pk).update(post=post)
    _aged(attachment, 24 * 30)

    assert unattached_remove() == 0
    assert PostAttachment.objects.filter(pk=attachment.pk).exists()


def test_a_saved_draft_keeps_its_own_pictures_but_not_someone_elses(settings):
    author, other = UserFactory(), UserFactory()
    mine, theirs = forum_upload(uploader=author, upload=_png()), forum_upload(uploader=other, upload=_png())
    for attachment in (mine, theirs):
        _aged(attachment, 24 * 10)
    category = factories.category()
    # The draft names both, but only the author's own upload is theirs to keep.
    Draft.objects.create(
        author=author, kind=Draft.Kind.THREAD, category=category, body=f"{mine.reference()} {theirs.reference()}"
    )

    assert unattached_remove() == 1
    assert list(PostAttachment.objects.values_list("pk", flat=True)) == [mine.pk]


def test_chat_uploads_never_sent_are_removed_by_the_command(capsys):
    room = Room.objects.get(slug="regional-exchange")
    member = UserFactory()
    attachment = chat_upload(uploader=member, room=room, upload=_png())
    _aged(attachment, 72)

    call_command("attachment_cleanup")

    assert "Deleted 1 unattached upload(s)." in capsys.readouterr().out
    assert not ChatAttachment.objects.filter(pk=attachment.pk).exists()
