"""Pictures and files in forum posts.

A member uploads from the composer (or the reply and new-thread forms without JavaScript);
the file is inspected and cleaned by ``core.files`` and waits, owned by its uploader and
attached to no post, until a post that refers to it is published. The body keeps the
reference as written (``![alt](upload:ID)`` for a picture, ``[name](upload:ID)`` for a
file); the stored HTML shows the uploader's own attachments only. Everything else is plain
text, and pictures from other sites are never shown (``core.markdown``).

An attachment is served to whoever may see its post (``Post.objects.visible_to``, the thread
page's predicate), and before publishing to its uploader alone."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from accounts import permissions as account_permissions
from accounts.rights import uploads_erase, uploads_export
from core.files.inspection import inspect_upload, too_large_message
from core.files.models import ATTACHMENT_ACCEPT, ATTACHMENT_KINDS, StoredAttachment
from core.files.rendering import referenced_ids, render_references
from core.files.storing import delete_files, store

from .models import Draft, Post

# Attachments one post may show; references beyond are left as text.
MAX_PER_POST = 20


class PostAttachment(StoredAttachment):
    # Emptied when the uploader's account is deleted and what they wrote stays, anonymised.
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="forum_attachments"
    )
    # Empty until a published post refers to it.
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="forum/attachments/", max_length=200)
    thumbnail = models.FileField(upload_to="forum/attachments/thumbs/", max_length=200, blank=True)

    url_name = "forum:attachment"
    thumbnail_url_name = "forum:attachment_thumb"
    owner_field = "post"

    class Meta:
        app_label = "forum"
        indexes = [models.Index(fields=["uploader", "post"], name="forum_attach_owner_post")]

    @classmethod
    def kept_for_unpublished_text(cls, candidates) -> set[int]:
        """A saved draft may refer to its pictures for weeks, on any device."""
        uploaders = {attachment.uploader_id for attachment in candidates if attachment.uploader_id}
        drafts = Draft.objects.filter(author_id__in=uploaders).values_list("author_id", "body")
        referenced = {(author, pk) for author, body in drafts for pk in referenced_ids(body)}
        return {attachment.pk for attachment in candidates if (attachment.uploader_id, attachment.pk) in referenced}


# --- Services ---------------------------------------------------------------------------


def attachment_upload(*, uploader, upload) -> PostAttachment:
    """Inspect, clean and keep one file for a post still being written; ValidationError
    (translated) when the file is refused."""
    if not account_permissions.can_participate(uploader):
        raise Http404
    inspected = inspect_upload(upload, allowed=ATTACHMENT_KINDS, max_bytes=settings.ATTACHMENT_MAX_BYTES)
    attachment = PostAttachment(uploader=uploader)
    store(attachment, inspected)
    return attachment


def _owned(author, ids, post) -> dict[int, PostAttachment]:
    """The attachments among ``ids`` that this post may show: the author's pending ones and
    those already on this post."""
    if author is None or not ids:
        return {}
    mine = models.Q(post__isnull=True)
    if post is not None and post.pk:
        mine |= models.Q(post=post)
    found = PostAttachment.objects.filter(mine, uploader=author, pk__in=list(ids)[:MAX_PER_POST])
    return {attachment.pk: attachment for attachment in found}


def render_with_attachments(body: str, *, author, post=None) -> tuple[str, list[PostAttachment]]:
    """The HTML of a body with its author's attachments shown, and those attachments."""
    from accounts.mentions import mentions_prepare

    owned = _owned(author, referenced_ids(body), post)
    return render_references(body, owned, lambda text: mentions_prepare(text, strict=False).html)


@receiver(post_save, sender=Post, dispatch_uid="forum_attachments_resolve")
def _resolve_on_save(sender, instance: Post, created=False, raw=False, update_fields=None, **kwargs):
    """A published or edited post shows its author's attachments and takes the pending ones."""
    if raw or (update_fields is not None and "body" not in update_fields):
        return
    if "upload:" not in (instance.body or ""):
        if not created:
            # An edit that dropped every reference lets go of what the post held.
            PostAttachment.objects.filter(post=instance).update(post=None)
        return
    html, used = render_with_attachments(instance.body, author=instance.author, post=instance)
    with transaction.atomic():
        PostAttachment.objects.filter(post=instance).exclude(pk__in=[a.pk for a in used]).update(post=None)
        PostAttachment.objects.filter(pk__in=[a.pk for a in used]).update(post=instance)
        Post.objects.filter(pk=instance.pk).update(body_html=html)
    instance.body_html = html


@receiver(post_delete, sender=PostAttachment, dispatch_uid="forum_attachments_files")
def _delete_files(sender, instance: PostAttachment, **kwargs):
    delete_files(instance)


# --- Members' rights (registered in forum.rights) ----------------------------------------


def attachments_erase(*, user, erase: bool) -> dict:
    """Unpublished uploads always go; with ``erase`` the published ones too, as the posts'
    text does. Otherwise they stay with the anonymised posts."""
    mine = PostAttachment.objects.filter(uploader=user)
    return {"forum_attachments": uploads_erase(mine if erase else mine.filter(post__isnull=True))}


def attachments_export(user):
    mine = PostAttachment.objects.filter(uploader=user).order_by("pk")
    return uploads_export(mine, prefix="forum", linked_to="post")


# --- Selectors --------------------------------------------------------------------------


def attachment_for(user, pk: int) -> PostAttachment:
    """The attachment if this person may see it, else 404: before publishing its uploader
    alone; after, whoever may see its post on the thread page (hidden, private, country,
    suspended and anonymous are all refused there)."""
    if not account_permissions.is_active_member(user):
        raise Http404
    attachment = PostAttachment.objects.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    if attachment.post_id is None:
        if attachment.uploader_id != user.pk:
            raise Http404
        return attachment
    if not Post.objects.visible_to(user).filter(pk=attachment.post_id, is_deleted=False).exists():
        raise Http404
    return attachment


# --- The composer without JavaScript ----------------------------------------------------


def attachment_field():
    return forms.FileField(
        label=_("Attach a picture or file"),
        required=False,
        help_text=_(
            "Pictures (JPEG, PNG, WebP, GIF) and documents (PDF, Word, Excel, PowerPoint, OpenDocument text, "
            "plain text). Details that could identify you, such as the place a photo was taken, are removed."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ATTACHMENT_ACCEPT, "data-attachment-input": ""}),
    )


def attach_submitted(request, form) -> bool:
    """A file sent with the form: kept, and its reference added to the end of the body.
    False, with the reason on the field, when it is refused; the text typed stays."""
    refused = getattr(request, "upload_refused", None)
    if refused is not None:  # stopped while arriving (core.files.uploads)
        form.add_error("attachment", too_large_message(refused, settings.ATTACHMENT_MAX_BYTES))
        return False
    upload = form.cleaned_data.get("attachment")
    if not upload:
        return True
    try:
        attachment = attachment_upload(uploader=request.user, upload=upload)
    except ValidationError as error:
        form.add_error("attachment", error)
        return False
    body = form.cleaned_data.get("body", "").rstrip()
    body = f"{body}\n\n{attachment.reference()}" if body else attachment.reference()
    form.cleaned_data["body"] = body
    # Shown again with the reference if the form comes back (a preview, another problem).
    form.data = form.data.copy()
    form.data[form.add_prefix("body")] = body
    return True
