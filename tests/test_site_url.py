"""Links in emails point to where the server answers: `make run`/`make serve` pass SITE_URL,
built from HOST and PORT unless it is set, and the emails build their links from it."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail

from tests.factories import UserFactory
from tests.notifications.test_notify import notify

ROOT = Path(settings.BASE_DIR)

needs_make = pytest.mark.skipif(not shutil.which("make"), reason="needs make")


def _dry_run(target: str, *args: str, **env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "HOST", "PORT")} | env
    return subprocess.run(
        ["make", "--no-print-directory", "-n", target, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _commands(output: str, program: str) -> list[str]:
    return [line for line in output.splitlines() if program in line]


@needs_make
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), "http://127.0.0.1:8000"),
        (("PORT=9123",), "http://127.0.0.1:9123"),
        (("HOST=localhost", "PORT=8081"), "http://localhost:8081"),
        # A wildcard address is not one a browser opens: the link uses the local one.
        (("HOST=0.0.0.0", "PORT=8080"), "http://127.0.0.1:8080"),
        (("HOST=::1",), "http://[::1]:8000"),
    ],
)
def test_serve_passes_the_address_it_listens_on(args, expected):
    # The embedded single process, and the production page server (whose address members open).
    (single,) = _commands(_dry_run("serve-single", *args), "uvicorn")
    assert single.startswith(f'SITE_URL="{expected}" ')
    (pages,) = _commands(_dry_run("serve", *args, REDIS_URL="redis://127.0.0.1:6379/0"), "HOST=")
    assert pages.startswith(f'SITE_URL="{expected}" ')


@needs_make
def test_run_seeds_and_serves_with_the_same_address():
    output = _dry_run("run", "PORT=9124", "--assume-old=install")
    (seed,) = _commands(output, "seed_demo")
    assert seed.startswith('SITE_URL="http://127.0.0.1:9124" ')
    assert "running at http://127.0.0.1:9124/" in output


@needs_make
def test_an_explicit_site_url_wins_as_in_production():
    output = _dry_run("serve", "PORT=9000", SITE_URL="https://hub.example.org", REDIS_URL="redis://127.0.0.1:6379/0")
    (pages,) = _commands(output, "HOST=")
    (sockets,) = _commands(output, "uvicorn")
    assert pages.startswith('SITE_URL="https://hub.example.org" ') and 'PORT="9000"' in pages
    assert sockets.startswith('SITE_URL="https://hub.example.org" ') and "--port 8001" in sockets


def test_settings_read_site_url_from_the_environment():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env |= {"SITE_URL": "http://127.0.0.1:9125/", "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.SITE_URL)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "http://127.0.0.1:9125"


@pytest.mark.django_db
def test_emails_link_to_the_site_url(settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "http://127.0.0.1:9126"
    member = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient_ids=[member.pk])
    (message,) = mail.outbox
    assert "http://127.0.0.1:9126/notifications/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://127.0.0.1:9126/notifications/")
    assert ":8000" not in message.body
