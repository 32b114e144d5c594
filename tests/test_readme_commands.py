"""The README's two commands: they open the README, and `make run` works on a clean clone."""

import http.cookiejar
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.helpers import free_port

ROOT = Path(settings.BASE_DIR)


def test_the_readme_starts_with_the_run_and_test_commands():
    text = (ROOT / "README.md").read_text()
    first_block = re.search(r"```sh\n(.*?)```", text, re.S)
    assert first_block and text.index("```sh") < text.index("\n## ")
    commands = [line.split("#")[0].strip() for line in first_block.group(1).splitlines() if line.strip()]
    assert commands == ["make run", "make test"]


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci/run").read_text()


def _wait_for(url: str, process: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"make run exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - local test server
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {timeout} s")


def _log_in(base: str, user_agent: str) -> str:
    """Log in as the demo member through the real login form; returns the page reached."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", user_agent)]
    login_page = opener.open(f"{base}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "login": "member@example.org", "password": "demo-password-2026"}
    ).encode()
    request = urllib.request.Request(f"{base}/accounts/login/", data=form, headers={"Referer": f"{base}/"})
    return opener.open(request).read().decode()


@pytest.mark.skipif(not (shutil.which("git") and shutil.which("make")), reason="needs git and make")
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the repository")
def test_make_run_serves_the_demo_on_a_clean_clone(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    # Reuse this environment's installed packages; CI's fresh machine covers the install itself.
    (clone / ".venv").symlink_to(ROOT / ".venv")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS_URL", "DJANGO_", "PYTEST"))}
    env |= {"PORT": str(port), "HOST": "127.0.0.1", "DEMO_PASSWORD": "demo-password-2026"}
    log = (tmp_path / "run.log").open("w")
    process = subprocess.Popen(
        ["make", "run"], cwd=clone, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/healthz", process)
        # Log in as a demo member through the real login form.
        assert "Welcome, Malika" in _log_in(base, "Browser one")
        # A login from a second browser emails a notice, printed by the console backend.
        assert "Welcome, Malika" in _log_in(base, "Browser two")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()
    output = (tmp_path / "run.log").read_text()
    assert "member@example.org" in output and "demo-password-2026" in output
    # Links in emails lead to this server, not to a default port.
    assert f"{base}/accounts/sessions/" in output
