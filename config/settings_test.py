"""Test settings: the production settings with fast hashing and isolated shared state."""

import os
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit

from .settings import *  # noqa: F403
from .settings import CACHES, CHANNEL_LAYERS, DATABASES, REDIS_URL, STORAGES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.gettempdir()) / f"alliance-hub-test-media-{uuid.uuid4().hex}"

# Several test processes (pytest-xdist) and repeated runs share one Redis: give each
# process its own key space so rate limits and channel groups never leak between them.
# Server processes started by a test (multi-process chat test) pass the same prefix on.
_run_prefix = os.environ.get("TEST_RUN_PREFIX") or f"test-{uuid.uuid4().hex[:12]}"
TEST_RUN_PREFIX = _run_prefix
if REDIS_URL:
    # Tests clear the cache between cases (FLUSHDB), so each worker gets its own database.
    _worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    _cache_url = urlsplit(REDIS_URL)._replace(path=f"/{1 + _worker % 15}").geturl()
    CACHES = {"default": {**CACHES["default"], "LOCATION": _cache_url, "KEY_PREFIX": _run_prefix}}
    CHANNEL_LAYERS = {
        "default": {
            **CHANNEL_LAYERS["default"],
            "CONFIG": {**CHANNEL_LAYERS["default"]["CONFIG"], "prefix": f"{_run_prefix}:asgi"},
        }
    }

# Close connections after each request: the live server's worker threads otherwise keep the
# test database open, and PostgreSQL cannot drop it at the end of the run.
DATABASES["default"]["CONN_MAX_AGE"] = 0

# A file-backed SQLite test database, so a live ASGI server thread (browser tests) sees the
# same data as the test; pytest-xdist appends a suffix per worker.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"alliance-hub-test-{_run_prefix}.sqlite3")
    }
