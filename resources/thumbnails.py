"""Preview images: the first page of a PDF (rendered with pdfium) or a scaled-down image.

Generated after the upload has committed, by the ``thumbnail_make`` task: at once in the
embedded default, by ``manage.py db_worker`` with TASKS_BACKEND=database."""

import io
import logging

from django.core.files.base import ContentFile
from PIL import Image

from .models import FileVersion

logger = logging.getLogger(__name__)

THUMBNAIL_WIDTH = 320


def _render_pdf(data: bytes) -> Image.Image:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        page = document[0]
        width = page.get_width() or 1
        bitmap = page.render(scale=THUMBNAIL_WIDTH / width)
        return bitmap.to_pil()
    finally:
        document.close()


def thumbnail_generate(version_id: int) -> bool:
    version = FileVersion.objects.filter(pk=version_id).first()
    if version is None or version.kind not in ("pdf", "png", "jpeg") or version.thumbnail:
        return False
    try:
        with version.content.open("rb") as handle:
            data = handle.read()
        if version.kind == "pdf":
            image = _render_pdf(data)
        else:
            image = Image.open(io.BytesIO(data))
            image.load()
        image = image.convert("RGB")
        image.thumbnail((THUMBNAIL_WIDTH, THUMBNAIL_WIDTH * 2))
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
    except Exception:  # noqa: BLE001 - a preview is optional; the file itself was accepted
        logger.warning("no thumbnail for file version %s", version_id, exc_info=True)
        return False
    version.thumbnail.save("thumb.png", ContentFile(out.getvalue()), save=False)
    FileVersion.objects.filter(pk=version.pk).update(thumbnail=version.thumbnail.name)
    return True
