"""Preview pictures: the first page of a PDF (rendered with pdfium) or a scaled-down image,
always as PNG without any metadata."""

import io

from PIL import Image

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


def thumbnail_png(data: bytes, kind: str, *, width: int = THUMBNAIL_WIDTH) -> bytes:
    """PNG bytes of the preview; raises on a file that cannot be previewed."""
    if kind == "pdf":
        image = _render_pdf(data)
    else:
        image = Image.open(io.BytesIO(data))
        image.load()
    image = image.convert("RGB")
    image.thumbnail((width, width * 2))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
