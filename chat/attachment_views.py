"""Uploading and serving the photos and files of chat messages (see chat.attachments)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.files.inspection import too_large_message
from core.files.storing import serve
from core.files.uploads import limit_uploads
from core.ratelimit import rate_limit_view

from . import selectors
from .attachments import attachment_for, attachment_upload


@require_POST
@limit_uploads
@rate_limit_view("upload")
def upload(request, room):
    """The composer's upload: answers the reference to insert in the message, or why not."""
    room = selectors.room_get(request.user, room)
    refused = getattr(request, "upload_refused", None)
    if refused is not None:
        return JsonResponse({"error": too_large_message(refused, settings.ATTACHMENT_MAX_BYTES)}, status=400)
    file = request.FILES.get("file")
    if file is None:
        return JsonResponse({"error": _("Please choose a file.")}, status=400)
    try:
        attachment = attachment_upload(uploader=request.user, room=room, upload=file)
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    return JsonResponse(
        {
            "id": attachment.pk,
            "kind": attachment.kind,
            "name": attachment.original_name,
            "reference": attachment.reference(),
        },
        status=201,
    )


def attach_sent_file(request, room, data):
    """The no-JavaScript form: a file sent with the message is kept and referred to at the
    end of its text. Returns (data, error message or None)."""
    refused = getattr(request, "upload_refused", None)
    if refused is not None:
        return data, too_large_message(refused, settings.ATTACHMENT_MAX_BYTES)
    file = request.FILES.get("attachment")
    if not file:
        return data, None
    try:
        attachment = attachment_upload(uploader=request.user, room=room, upload=file)
    except ValidationError as error:
        return data, " ".join(error.messages)
    data = data.copy()
    body = (data.get("body") or "").rstrip()
    data["body"] = f"{body}\n\n{attachment.reference()}" if body else attachment.reference()
    return data, None


@require_GET
def attachment_file(request, pk):
    return serve(request, attachment_for(request.user, pk), thumbnail=False)


@require_GET
def attachment_thumb(request, pk):
    return serve(request, attachment_for(request.user, pk), thumbnail=True)
