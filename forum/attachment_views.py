"""Uploading and serving the pictures and files of forum posts (see forum.attachments)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.files.inspection import too_large_message
from core.files.storing import serve
from core.files.uploads import limit_uploads
from core.ratelimit import rate_limit_view

from .attachments import attachment_for, attachment_upload


@require_POST
@limit_uploads
@rate_limit_view("upload")
def upload(request):
    """The composer's upload: answers the reference to insert in the message, or why not."""
    refused = getattr(request, "upload_refused", None)
    if refused is not None:
        return JsonResponse({"error": too_large_message(refused, settings.ATTACHMENT_MAX_BYTES)}, status=400)
    file = request.FILES.get("file")
    if file is None:
        return JsonResponse({"error": _("Please choose a file.")}, status=400)
    try:
        attachment = attachment_upload(uploader=request.user, upload=file)
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


def _serve(request, pk: int, *, thumbnail: bool):
    return serve(request, attachment_for(request.user, pk), thumbnail=thumbnail)


@require_GET
def attachment_file(request, pk):
    return _serve(request, pk, thumbnail=False)


@require_GET
def attachment_thumb(request, pk):
    return _serve(request, pk, thumbnail=True)
