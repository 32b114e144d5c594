"""Uploading and serving the pictures and files of forum posts (see forum.attachments)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core import discreet
from core.files.inspection import too_large_message
from core.files.serving import DOWNLOAD_CSP
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
    attachment = attachment_for(request.user, pk)
    field = attachment.thumbnail if thumbnail else attachment.file
    if not field:
        raise Http404
    content_type = "image/png" if thumbnail else attachment.content_type
    response = FileResponse(field.open("rb"), content_type=content_type)
    if not thumbnail:
        response["Content-Length"] = str(attachment.size)
        name = (
            discreet.download_name(attachment.pk, attachment.original_name)
            if discreet.is_on(request)
            else attachment.original_name
        )
        # Pictures open in the browser; every other file is saved, never shown in the page.
        response["Content-Disposition"] = content_disposition_header(not attachment.is_image, name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def attachment_file(request, pk):
    return _serve(request, pk, thumbnail=False)


@require_GET
def attachment_thumb(request, pk):
    return _serve(request, pk, thumbnail=True)
