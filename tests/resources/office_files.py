"""Office files for the preview tests, and a stand-in for LibreOffice that answers as it is told
(a given PDF, a crash, a hang), so the paths around a conversion are tested on any machine."""

import contextlib
import io
import os
import tempfile
import warnings
import zipfile
from pathlib import Path

import pytest
from django.test import override_settings

from resources import office
from resources.demo_library import build_docx

from .factories import pdf_pages

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BREAK_MARK = "page-break-here"


def paged_docx(pages: list[str]) -> bytes:
    """A real Word document with one paragraph on each page."""
    paragraphs = [text for page in pages[1:] for text in (BREAK_MARK, page)]
    marked = zipfile.ZipFile(io.BytesIO(build_docx(pages[0], paragraphs)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in marked.infolist():
            data = marked.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(
                    f"<w:p><w:r><w:t>{BREAK_MARK}</w:t></w:r></w:p>".encode(),
                    b'<w:p><w:r><w:br w:type="page"/></w:r></w:p>',
                )
            target.writestr(info, data)
    return out.getvalue()


def require_libreoffice() -> None:
    """Skip, loudly, when LibreOffice is missing; fail instead when REQUIRE_OFFICE=1 (CI)."""
    if office.available():
        return
    if os.environ.get("REQUIRE_OFFICE") == "1":
        pytest.fail("REQUIRE_OFFICE=1 but LibreOffice (soffice) was not found.")
    message = (
        f"\n{'!' * 72}\n!! LibreOffice (soffice) not found: office page previews are NOT tested.\n"
        f"!! Install it (apt-get install libreoffice-writer-nogui) to test them.\n{'!' * 72}\n"
    )
    warnings.warn(message, stacklevel=2)
    pytest.skip("LibreOffice (soffice) is not installed")


FAKE_SOFFICE = """#!/bin/sh
# Stands in for LibreOffice: notes its arguments, finds --outdir, then does as it was told.
printf '%s\\n' "$@" > "{folder}/arguments.txt"
out=""
while [ $# -gt 0 ]; do
  if [ "$1" = "--outdir" ]; then out="$2"; fi
  shift
done
{body}
"""
BEHAVIOURS = {
    "pdf": 'cp "{pdf}" "$out/document.pdf"',
    "crash": "echo 'soffice crashed' >&2; exit 81",
    "nothing": "exit 0",
    "not-a-pdf": 'echo "<html>hello</html>" > "$out/document.pdf"',
    # Hangs, with a helper of its own as LibreOffice has (soffice.bin): both must be stopped.
    "hang": 'sleep 60 & echo $! > "{folder}/helper.pid"; sleep 60',
}


@contextlib.contextmanager
def fake_soffice(behaviour: str = "pdf", pages: int = 3, **settings):
    """Run conversions with a stand-in LibreOffice for the duration of the block."""
    with tempfile.TemporaryDirectory(prefix="fake-soffice-") as work:
        folder = Path(work)
        pdf = folder / "rendering.pdf"
        pdf.write_bytes(pdf_pages(pages, colours=((200, 0, 0), (0, 160, 0), (0, 0, 200))))
        script = folder / "soffice"
        body = BEHAVIOURS[behaviour].format(pdf=pdf, folder=folder)
        script.write_text(FAKE_SOFFICE.format(body=body, folder=folder))
        script.chmod(0o755)
        with override_settings(RESOURCES_SOFFICE=str(script), **settings):
            yield folder


def no_soffice():
    return override_settings(RESOURCES_SOFFICE="/nonexistent/soffice")
