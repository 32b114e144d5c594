"""The PDF rendering of an office file version (see resources.office), made once in the
background task that also makes the preview picture, and kept with the version: a version
never changes, so neither does its rendering."""

import logging

from django.core.files.base import ContentFile

from .models import FileVersion
from .office import OFFICE_KINDS, ConversionFailed, pdf_from_office

logger = logging.getLogger(__name__)


def rendering_generate(version_id: int) -> bool:
    """Render an office file to PDF; False when there is nothing to do or it cannot be done
    (the file is then downloaded to be read, as before)."""
    version = FileVersion.objects.filter(pk=version_id).first()
    if version is None or version.kind not in OFFICE_KINDS or version.rendering:
        return False
    try:
        with version.content.open("rb") as handle:
            pdf = pdf_from_office(handle.read(), version.kind)
    except ConversionFailed as reason:
        logger.warning("no PDF rendering of file version %s: %s", version_id, reason)
        return False
    except Exception:  # noqa: BLE001 - a rendering is optional; the file itself was accepted
        logger.warning("no PDF rendering of file version %s", version_id, exc_info=True)
        return False
    version.rendering.save("rendering.pdf", ContentFile(pdf), save=False)
    # update(), not save(): the version may be gone, and nothing else of it changes.
    if not FileVersion.objects.filter(pk=version.pk).update(rendering=version.rendering.name):
        version.rendering.delete(save=False)
        return False
    return True
