"""Preview images of library files (see core.files.thumbnails).

Generated after the upload has committed, by the ``thumbnail_make`` task: at once in the
embedded default, by ``manage.py db_worker`` with TASKS_BACKEND=database."""

import logging

from django.core.files.base import ContentFile

from core.files.thumbnails import THUMBNAIL_WIDTH, thumbnail_png

from .models import FileVersion

__all__ = ["THUMBNAIL_WIDTH", "thumbnail_generate"]

logger = logging.getLogger(__name__)


def thumbnail_generate(version_id: int) -> bool:
    version = FileVersion.objects.filter(pk=version_id).first()
    if version is None or version.thumbnail:
        return False
    # An office file is pictured by the first page of its PDF rendering, when it has one.
    source, kind = (version.rendering, "pdf") if version.rendering else (version.content, version.kind)
    if kind not in ("pdf", "png", "jpeg"):
        return False
    try:
        with source.open("rb") as handle:
            data = handle.read()
        png = thumbnail_png(data, kind)
    except Exception:  # noqa: BLE001 - a preview is optional; the file itself was accepted
        logger.warning("no thumbnail for file version %s", version_id, exc_info=True)
        return False
    version.thumbnail.save("thumb.png", ContentFile(png), save=False)
    FileVersion.objects.filter(pk=version.pk).update(thumbnail=version.thumbnail.name)
    return True
