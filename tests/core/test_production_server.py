"""The production setup of `make serve` (README, deployment step 4): gunicorn answers pages with
config/gunicorn.py, behind a proxy whose X-Forwarded-For names the client."""

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import free_port

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def _clean_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS_URL", "DJANGO_", "PYTEST"))}
    return env | extra


@pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is in requirements.txt")
def test_gunicorn_serves_pages_with_the_projects_config(tmp_path):
    port = free_port()
    env = _clean_env(
        PORT=str(port), WORKERS="1", DATABASE_URL=f"sqlite:///{tmp_path / 'hub.sqlite3'}", ALLOWED_HOSTS="127.0.0.1"
    )
    process = subprocess.Popen(
        [str(GUNICORN), "config.wsgi:application", "--config", "config/gunicorn.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/healthz", headers={"X-Forwarded-For": "198.51.100.1"}
                )
                with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310 - local server
                    assert response.status == 200 and b'"ok"' in response.read()
                    break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode()
                assert time.monotonic() < deadline, "gunicorn did not answer within 30 s"
                time.sleep(0.3)
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.skipif(not shutil.which("make"), reason="needs make")
def test_make_serve_refuses_to_start_without_redis():
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.runtime", "serve"],
        cwd=ROOT,
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "set REDIS_URL" in result.stdout + result.stderr


def test_the_readmes_proxy_passes_the_forwarding_headers_in_every_location():
    """nginx gives a location that sets any header of its own none of the server's: each
    location must carry Host (with the port) and the forwarding headers itself, or the
    WebSocket origin check and the client's address break behind it."""
    readme = (ROOT / "README.md").read_text()
    nginx = readme.split("```nginx\n", 1)[1].split("```", 1)[0]
    locations = [block.split("}", 1)[0] for block in nginx.split("location ")[1:]]
    assert len(locations) == 2
    for location in locations:
        assert "proxy_set_header Host $http_host;" in location
        assert "proxy_set_header X-Forwarded-Proto $scheme;" in location
        assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in location
