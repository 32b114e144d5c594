"""How the database settings follow the environment (evaluated in a fresh interpreter, since
settings are read once per process)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRINT_DATABASE = (
    "import json, config.settings as s; d = s.DATABASES['default']; "
    "print(json.dumps({'engine': d['ENGINE'], 'age': d.get('CONN_MAX_AGE'), 'options': d.get('OPTIONS', {})}))"
)


def database_settings(**env) -> dict:
    environment = {key: value for key, value in os.environ.items() if key not in ("DB_POOL", "DB_POOL_SIZE")}
    environment.update(env)
    output = subprocess.run(
        [sys.executable, "-c", PRINT_DATABASE], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


POSTGRES = "postgres://hub@127.0.0.1:5432/hub"


@pytest.mark.parametrize("extra", [{}, {"DB_POOL_SIZE": "3"}])
def test_postgresql_connections_come_from_a_pool_per_process(extra):
    database = database_settings(DATABASE_URL=POSTGRES, **extra)
    assert database["age"] == 0
    assert database["options"]["pool"]["max_size"] == int(extra.get("DB_POOL_SIZE", 8))
    assert database["options"]["options"] == "-c jit=off"


def test_the_pool_can_be_turned_off():
    database = database_settings(DATABASE_URL=POSTGRES, DB_POOL="0")
    assert "pool" not in database["options"]


def test_persistent_connections_replace_the_pool():
    # Django refuses a pool with persistent connections; asking for them turns the pool off.
    database = database_settings(DATABASE_URL=POSTGRES, CONN_MAX_AGE="60")
    assert database["age"] == 60 and "pool" not in database["options"]


def test_sqlite_has_no_pool():
    database = database_settings(DATABASE_URL="sqlite:////tmp/hub-settings-test.sqlite3")
    assert database["engine"].endswith("sqlite3") and "pool" not in database["options"]
