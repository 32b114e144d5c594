"""Keeping an inspected upload on a feature's attachment row and serving it back."""

import secrets

from django.core.files.base import ContentFile
from django.http import FileResponse, Http404
from django.utils.http import content_disposition_header

from core import discreet

from .inspection import IMAGE_KINDS, InspectedFile
from .serving import DOWNLOAD_CSP, handed_off, signed_address
from .thumbnails import thumbnail_png


def store(attachment, inspected: InspectedFile) -> None:
    """Fill and save ``attachment`` (fields: file, thumbnail, kind, original_name,
    content_type, size, width, height, cleaned) from a cleaned upload."""
    is_image = inspected.kind.key in IMAGE_KINDS
    attachment.kind = "image" if is_image else "file"
    attachment.original_name = inspected.original_name
    attachment.content_type = inspected.kind.content_type
    attachment.size = inspected.size
    attachment.width, attachment.height = inspected.width, inspected.height
    attachment.cleaned = inspected.metadata_stripped
    data = inspected.content.read()
    # Stored under a random name: the original one is metadata, shown only where allowed.
    attachment.file.save(f"{secrets.token_hex(16)}{inspected.extension}", ContentFile(data), save=False)
    if is_image:
        png = thumbnail_png(data, inspected.kind.key)
        attachment.thumbnail.save(f"{secrets.token_hex(16)}.png", ContentFile(png), save=False)
    attachment.save()


def serve(request, attachment, *, thumbnail: bool):
    """The file (or its preview) of an attachment the caller has checked access to: never
    run by the browser, not kept by shared caches, neutrally named in discreet mode."""
    field = attachment.thumbnail if thumbnail else attachment.file
    if not field:
        raise Http404
    if not thumbnail:
        name = (
            discreet.download_name(attachment.pk, attachment.original_name)
            if discreet.is_on(request)
            else attachment.original_name
        )
        # Pictures open in the browser; every other file is saved, never shown in the page.
        disposition = content_disposition_header(attachment.kind != "image", name)
        # Object storage sends the file itself; the thumbnail, shown inside the page, comes from
        # here (the page admits pictures from this site only).
        url = signed_address(field.storage, field.name, disposition=disposition, content_type=attachment.content_type)
        if url is not None:
            return handed_off(url)
    response = FileResponse(field.open("rb"), content_type="image/png" if thumbnail else attachment.content_type)
    if not thumbnail:
        response["Content-Length"] = str(attachment.size)
        response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


def delete_files(attachment) -> None:
    for field in (attachment.file, attachment.thumbnail):
        if field:
            field.storage.delete(field.name)
