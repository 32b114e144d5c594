"""The main pages are valid HTML by the Nu HTML Checker (vnu.jar, the W3C validator).

The checker needs Java and the jar, which the project's install steps do not fetch: `make
validate` installs the pinned npm package into .validate/ and runs this module with VNU_JAR set.
Without them every test here is skipped with a notice saying so."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from forum import services as forum_services
from forum.models import Category
from tests.resources.factories import make_resource

ROOT = Path(settings.BASE_DIR)
JAR = Path(os.environ.get("VNU_JAR") or ROOT / ".validate/node_modules/vnu-jar/build/dist/vnu.jar")

pytestmark = pytest.mark.skipif(
    not (shutil.which("java") and JAR.exists()),
    reason="Nu HTML Checker not installed (needs java and vnu.jar): run `make validate`",
)


def _check(pages: dict[str, str], tmp_path) -> list[str]:
    files = []
    for label, html in pages.items():
        path = tmp_path / f"{label.replace('/', '_').strip('_') or 'root'}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    result = subprocess.run(
        ["java", "-jar", str(JAR), "--errors-only", "--format", "json", "--stdout", *files],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    messages = json.loads(result.stdout or "{}").get("messages", [])
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')} [{m.get('extract', '').strip()[:80]}]"
        for m in messages
    ]


def _get(client, url: str) -> str:
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    return response.text


def test_the_main_member_pages_are_valid_html(member_client, member, other_member, tmp_path):
    thread = forum_services.thread_create(
        author=member,
        category=Category.objects.get(slug="survivor-services"),
        title="Night shifts",
        body="# Heading\n\nBody",
    )
    forum_services.post_create(author=other_member, thread=thread, body="A reply")
    resource = make_resource(description="# Background\n\nText")
    urls = ["/", "/forum/", thread.get_absolute_url(), "/resources/", resource.get_absolute_url()]
    urls += ["/chat/", "/notifications/", "/search/?q=night", "/accounts/profile/"]
    problems = _check({url: _get(member_client, url) for url in urls}, tmp_path)
    assert not problems, "The Nu HTML Checker found errors:\n" + "\n".join(problems)


def test_the_login_page_is_valid_html(client, tmp_path):
    problems = _check({"login": _get(client, "/accounts/login/")}, tmp_path)
    assert not problems, "The Nu HTML Checker found errors:\n" + "\n".join(problems)
