"""Photos and files in chat rooms and direct conversations.

The composer sends a file first (``upload``, or with the message form without JavaScript);
it is inspected and cleaned by ``core.files`` and waits, owned by its sender and tied to the
room, until a message in that room refers to it (``![alt](upload:ID)`` or
``[name](upload:ID)``). The message's stored HTML then shows it, so the page, the catch-up
and the live frames (chat.rendering) all carry the same server-rendered markup.

An attachment is served to the members of its room, with the check that reading the room
makes (``Room.objects.visible_to``), never for a removed message, and before it is sent to
its uploader alone."""

from django import forms
from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from accounts import permissions as account_permissions
from accounts.rights import uploads_erase, uploads_export
from core.files.inspection import inspect_upload
from core.files.models import ATTACHMENT_ACCEPT, ATTACHMENT_KINDS, StoredAttachment
from core.files.rendering import referenced_ids, render_references
from core.files.storing import delete_files, store

from .models import Message, Room

MAX_PER_MESSAGE = 10


class ChatAttachment(StoredAttachment):
    # Emptied when the uploader's account is deleted and what they wrote stays, anonymised.
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="chat_attachments"
    )
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="attachments")
    # Empty until a message refers to it.
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="chat/attachments/", max_length=200)
    thumbnail = models.FileField(upload_to="chat/attachments/thumbs/", max_length=200, blank=True)

    url_name = "chat:attachment"
    thumbnail_url_name = "chat:attachment_thumb"
    owner_field = "message"

    class Meta:
        app_label = "chat"
        indexes = [models.Index(fields=["uploader", "room", "message"], name="chat_attach_owner_room")]


def attachment_upload(*, uploader, room: Room, upload) -> ChatAttachment:
    """Inspect, clean and keep one file for a message about to be sent in ``room`` (which the
    caller looked up as visible to the uploader); ValidationError (translated) when refused."""
    if not account_permissions.can_participate(uploader):
        raise Http404
    if not Room.objects.visible_to(uploader).filter(pk=room.pk).exists():
        raise Http404
    inspected = inspect_upload(upload, allowed=ATTACHMENT_KINDS, max_bytes=settings.ATTACHMENT_MAX_BYTES)
    attachment = ChatAttachment(uploader=uploader, room=room)
    store(attachment, inspected)
    return attachment


def render_with_attachments(body: str, *, sender, message) -> tuple[str, list[ChatAttachment]]:
    from accounts.mentions import mentions_prepare

    ids = list(referenced_ids(body))[:MAX_PER_MESSAGE]
    owned = {}
    if sender is not None and ids:
        mine = models.Q(message__isnull=True) | models.Q(message=message)
        found = ChatAttachment.objects.filter(mine, uploader=sender, room_id=message.room_id, pk__in=ids)
        owned = {attachment.pk: attachment for attachment in found}
    return render_references(body, owned, lambda text: mentions_prepare(text, strict=False).html)


@receiver(post_save, sender=Message, dispatch_uid="chat_attachments_resolve")
def _resolve_on_save(sender, instance: Message, created=False, raw=False, update_fields=None, **kwargs):
    """A sent or edited message shows its sender's attachments in this room."""
    if raw or (update_fields is not None and "body" not in update_fields):
        return
    if "upload:" not in (instance.body or ""):
        if not created:
            ChatAttachment.objects.filter(message=instance).update(message=None)
        return
    html, used = render_with_attachments(instance.body, sender=instance.sender, message=instance)
    with transaction.atomic():
        ChatAttachment.objects.filter(message=instance).exclude(pk__in=[a.pk for a in used]).update(message=None)
        ChatAttachment.objects.filter(pk__in=[a.pk for a in used]).update(message=instance)
        Message.objects.filter(pk=instance.pk).update(body_html=html)
    instance.body_html = html


@receiver(post_delete, sender=ChatAttachment, dispatch_uid="chat_attachments_files")
def _delete_files(sender, instance: ChatAttachment, **kwargs):
    delete_files(instance)


def attachment_for(user, pk: int) -> ChatAttachment:
    """The attachment if this person may see it, else 404: before sending its uploader alone;
    after, the members who may read its room, while the message is not removed."""
    if not account_permissions.is_active_member(user):
        raise Http404
    attachment = ChatAttachment.objects.select_related("message").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    if attachment.message_id is None:
        if attachment.uploader_id != user.pk:
            raise Http404
        return attachment
    if attachment.message.deleted_at is not None:
        raise Http404
    if not Room.objects.visible_to(user).filter(pk=attachment.room_id).exists():
        raise Http404
    return attachment


# --- Members' rights (registered in chat.rights) ------------------------------------------


def attachments_erase(*, user, erase: bool) -> dict:
    """Unsent uploads always go; with ``erase`` the sent ones too."""
    mine = ChatAttachment.objects.filter(uploader=user)
    return {"chat_attachments": uploads_erase(mine if erase else mine.filter(message__isnull=True))}


def attachments_export(user):
    mine = ChatAttachment.objects.filter(uploader=user).order_by("pk")
    return uploads_export(mine, prefix="chat", linked_to="message")


def attachment_field():
    return forms.FileField(
        label=_("Attach a photo or file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ATTACHMENT_ACCEPT, "data-attachment-input": ""}),
    )
