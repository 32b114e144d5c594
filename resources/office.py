"""A PDF rendering of an office file (Word, Excel, PowerPoint, OpenDocument), made with
LibreOffice in headless mode, so that members can read it page by page like a PDF.

LibreOffice is optional: without it (or when a conversion fails) an office file is simply
downloaded to be read. A document is untrusted input, so each conversion:

- works on a copy under a neutral name in a throwaway folder, with a throwaway profile
  (``-env:UserInstallation``) that refuses macros, never updates links and sends every web
  request to a closed local port;
- runs without a network when the machine allows it (``unshare --net``): a document may point
  at pictures on any server, and LibreOffice would otherwise fetch them, which tells that
  server when and from where the document was opened;
- is stopped, with everything it started, after ``RESOURCES_OFFICE_TIMEOUT`` seconds, runs at
  a lower priority, may write no file larger than ``RESOURCES_OFFICE_MAX_BYTES`` and use no
  more memory than ``RESOURCES_OFFICE_MAX_MEMORY``;
- gives a PDF that is refused when it is larger than that or longer than
  ``RESOURCES_OFFICE_MAX_PAGES`` pages.
"""

import functools
import logging
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

# What the library accepts (core.files.inspection.DEFAULT_KINDS) and LibreOffice can render.
OFFICE_KINDS = frozenset({"docx", "xlsx", "pptx", "odt", "ods", "odp"})

# A throwaway profile: macros never run, links are never updated, web requests go nowhere.
PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
{items}
</oor:items>
"""
PROFILE_SETTINGS = [
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "2"),
    ("/org.openoffice.Office.Calc/Content/Update", "Link", "2"),
    ("/org.openoffice.Inet/Settings", "ooInetProxyType", "1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyPort", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyPort", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyPort", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetNoProxy", ""),
]


class ConversionFailed(Exception):
    """The file has no PDF rendering; the reason is for the log, never for members."""


def _setting(name: str, default):
    return getattr(settings, name, default)


def soffice() -> str | None:
    """The LibreOffice program, or None when the machine has none."""
    return shutil.which(_setting("RESOURCES_SOFFICE", "soffice"))


def available() -> bool:
    return soffice() is not None


@functools.cache
def _isolation() -> list[str]:
    """``unshare`` without a network, when this machine lets an ordinary process do it."""
    unshare = shutil.which("unshare")
    if unshare:
        try:
            probe = subprocess.run(  # noqa: S603 - a fixed program and arguments, no shell
                [unshare, "--net", "--map-root-user", "true"], capture_output=True, timeout=10, check=False
            )
        except (OSError, subprocess.SubprocessError):
            probe = None
        if probe is not None and probe.returncode == 0:
            return [unshare, "--net", "--map-root-user"]
    logger.warning("office conversions run without network isolation: unshare --net is not available")
    return []


def _profile(folder: Path) -> None:
    items = "\n".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>'
        for path, name, value in PROFILE_SETTINGS
    )
    (folder / "user").mkdir(parents=True)
    (folder / "user" / "registrymodifications.xcu").write_text(PROFILE.format(items=items), encoding="utf-8")


def _limits(max_bytes: int) -> list[str]:
    """At a lower priority than the web workers, with bounded file sizes and memory (a small
    document can unpack into a huge one)."""
    memory = int(_setting("RESOURCES_OFFICE_MAX_MEMORY", 2 * 1024 * 1024 * 1024))
    prefix = []
    nice = shutil.which("nice")
    if nice:
        prefix += [nice, "-n", "10"]
    prlimit = shutil.which("prlimit")
    if prlimit:
        prefix += [prlimit, f"--fsize={max_bytes}", f"--as={memory}"]
    return prefix


def _run(command: list[str], *, cwd: Path, env: dict, timeout: float) -> None:
    # A session of its own, so that a timeout stops LibreOffice's helper processes too.
    process = subprocess.Popen(  # noqa: S603 - a fixed program and arguments, no shell
        command,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        output, _unused = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise ConversionFailed(f"stopped after {timeout:g} seconds") from None
    if process.returncode != 0:
        raise ConversionFailed(f"exit status {process.returncode}: {output[-500:]!r}")


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.communicate()


def _page_count(pdf: bytes) -> int:
    import pypdfium2

    from .previews import pdfium_lock

    with pdfium_lock:
        document = pypdfium2.PdfDocument(pdf)
        try:
            return len(document)
        finally:
            document.close()


def pdf_from_office(data: bytes, kind: str) -> bytes:
    """The PDF rendering of an office document; raises ConversionFailed."""
    if kind not in OFFICE_KINDS:
        raise ConversionFailed(f"not an office kind: {kind}")
    program = soffice()
    if program is None:
        raise ConversionFailed("LibreOffice (soffice) is not installed")
    timeout = float(_setting("RESOURCES_OFFICE_TIMEOUT", 60))
    max_bytes = int(_setting("RESOURCES_OFFICE_MAX_BYTES", 50 * 1024 * 1024))
    max_pages = int(_setting("RESOURCES_OFFICE_MAX_PAGES", 300))
    with tempfile.TemporaryDirectory(prefix="hub-office-") as work:
        folder = Path(work)
        source = folder / f"document.{kind}"  # never the uploader's file name
        source.write_bytes(data)
        (folder / "out").mkdir()
        (folder / "home").mkdir()
        _profile(folder / "profile")
        command = [
            *_isolation(),
            *_limits(max_bytes),
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(folder / "home"),
            "LANG": "C.UTF-8",
            "TMPDIR": str(folder),
            "SAL_USE_VCLPLUGIN": "svp",
        }
        _run(command, cwd=folder, env=env, timeout=timeout)
        result = folder / "out" / "document.pdf"
        if not result.is_file():
            raise ConversionFailed("no PDF was written")
        if result.stat().st_size > max_bytes:
            raise ConversionFailed(f"the PDF is larger than {max_bytes} bytes")
        pdf = result.read_bytes()
    if not pdf.startswith(b"%PDF-"):
        raise ConversionFailed("the result is not a PDF")
    try:
        pages = _page_count(pdf)
    except Exception as error:  # noqa: BLE001 - pdfium's errors have no common class
        raise ConversionFailed(f"the PDF cannot be read: {error}") from None
    if not 1 <= pages <= max_pages:
        raise ConversionFailed(f"the PDF has {pages} pages; at most {max_pages} are shown")
    return pdf
