import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from core.middleware import IdleTimeoutMiddleware

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/forum/", "/resources/", "/chat/"])
def test_member_pages_carry_the_security_headers(member_client, path):
    response = member_client.get(path)
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_the_script_policy_allows_no_inline_scripts(member_client):
    csp = member_client.get("/").headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_pages_ask_browsers_not_to_send_a_referrer(member_client):
    assert '<meta name="referrer" content="no-referrer">' in member_client.get("/").content.decode()


def _age_session(client, seconds):
    session = client.session
    session[IdleTimeoutMiddleware.KEY] = int(time.time()) - seconds
    session.save()


def test_a_member_idle_for_longer_than_the_timeout_is_logged_out(member_client, settings):
    settings.SESSION_IDLE_TIMEOUT = 600
    member_client.get("/")
    _age_session(member_client, 601)
    response = member_client.get("/forum/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in member_client.session
    page = member_client.get(response["Location"]).content.decode()
    assert "logged out after a period without activity" in page


def test_a_member_active_within_the_timeout_stays_logged_in(member_client, settings):
    settings.SESSION_IDLE_TIMEOUT = 600
    member_client.get("/")
    _age_session(member_client, 599)
    assert member_client.get("/forum/").status_code == 200


def test_the_activity_time_is_written_at_most_once_a_minute(member_client):
    member_client.get("/")
    _age_session(member_client, 30)
    written = member_client.session[IdleTimeoutMiddleware.KEY]
    member_client.get("/forum/")
    assert member_client.session[IdleTimeoutMiddleware.KEY] == written
    _age_session(member_client, 61)
    member_client.get("/forum/")
    assert member_client.session[IdleTimeoutMiddleware.KEY] >= int(time.time()) - 2


def test_a_timeout_of_zero_turns_the_check_off(member_client, settings):
    settings.SESSION_IDLE_TIMEOUT = 0
    member_client.get("/")
    _age_session(member_client, 10**7)
    assert member_client.get("/forum/").status_code == 200


def test_the_idle_timeout_defaults_to_twelve_hours():
    assert settings.SESSION_IDLE_TIMEOUT == 12 * 60 * 60 or "SESSION_IDLE_TIMEOUT" in os.environ


def test_deploy_checks_are_clean_in_production():
    env = {
        **os.environ,
        "PRODUCTION": "1",
        "SECRET_KEY": "test-" + "k" * 60,
        "ALLOWED_HOSTS": "hub.example.org",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    for name in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
