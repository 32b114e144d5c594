"""Dari and Pashto are set in Arabic-script system fonts that cover Pashto's letters, and the
style sheets still load no web font."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CSS = ROOT / "static/css/app.css"


def test_dari_and_pashto_name_arabic_script_system_fonts():
    css = CSS.read_text(encoding="utf-8")
    rule = re.search(r":lang\(fa\), :lang\(ps\) \{\s*font-family: ([^;]+);", css)
    assert rule, "no font rule for Dari and Pashto"
    fonts = rule.group(1)
    for name in ('"Noto Naskh Arabic"', '"Segoe UI"', "Tahoma"):
        assert name in fonts


def test_no_style_sheet_loads_a_web_font():
    for path in ROOT.glob("**/static/**/*.css"):
        if ".venv" in path.parts or "staticfiles" in path.parts:
            continue
        css = path.read_text(encoding="utf-8")
        assert "@font-face" not in css and "@import" not in css, path
