"""<time datetime> holds what the HTML standard allows: seconds at most to milliseconds, never
Python's microseconds (the Nu HTML Checker rejects "04:13:30.894509")."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template import Context, Template

ROOT = Path(settings.BASE_DIR)
TEMPLATES = sorted(
    path
    for path in ROOT.glob("**/templates/**/*.html")
    if not {".venv", "staticfiles", "node_modules"} & set(path.parts)
)
# A valid global date and time string (HTML, "Dates and times"), at most three fractional digits.
VALID = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$")


def test_no_template_writes_microseconds_into_a_time_element():
    offenders = [
        str(path.relative_to(ROOT))
        for path in TEMPLATES
        if re.search(r"datetime=\"\{\{[^}]*\|date:['\"]c['\"]", path.read_text(encoding="utf-8"))
    ]
    assert not offenders, f"|date:'c' carries microseconds in: {offenders}"


def test_the_format_the_templates_use_is_a_valid_html_date_and_time():
    moment = datetime.datetime(2026, 12, 7, 4, 13, 30, 894509, tzinfo=ZoneInfo("Asia/Almaty"))
    rendered = Template("{{ d|date:'Y-m-d\\TH:i:sO' }}").render(Context({"d": moment}))
    assert VALID.match(rendered), rendered
    assert rendered.startswith("2026-12-07T04:13:30")


def test_the_chat_script_trims_microseconds_from_live_messages():
    script = (ROOT / "chat/static/chat/chat.js").read_text(encoding="utf-8")
    assert 'setAttribute("datetime", m.created_at)' not in script
