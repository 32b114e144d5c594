"""Two server processes sharing PostgreSQL and the Redis channel layer: messages cross from
one process to the other, and a client that reconnects to the other process catches up."""

import asyncio
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connections

from chat.consumers import MAX_FRAME_BYTES
from tests.factories import UserFactory
from tests.helpers import LIVE_DB, free_port

from .factories import open_room
from .ws import session_cookie

BASE_DIR = Path(settings.BASE_DIR)


def _is_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


pytestmark = [
    LIVE_DB,
    pytest.mark.multiprocess,
    pytest.mark.asyncio,
    pytest.mark.skipif(
        not (os.environ.get("REDIS_URL") and _is_postgres()),
        reason="needs REDIS_URL and a PostgreSQL DATABASE_URL (the PostgreSQL run of the suite)",
    ),
]


def _database_url() -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _server_env(**extra: str) -> dict:
    """A server process on the test database and Redis, with this run's cache prefix."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": os.environ["REDIS_URL"],
        "TEST_RUN_PREFIX": settings.TEST_RUN_PREFIX,
        **extra,
    }


def _start_server(port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "uvicorn", "config.asgi:application", "--port", str(port)]
    command += ["--ws", "websockets-sansio", "--ws-max-size", str(MAX_FRAME_BYTES), "--log-level", "warning"]
    return subprocess.Popen(command, cwd=BASE_DIR, env=_server_env())


def _stop(processes) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_until_up(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server on port {port} did not start")


async def _connect(port: int, cookie: str, rooms: dict):
    import websockets

    ws = await websockets.connect(
        f"ws://127.0.0.1:{port}/ws/chat/",
        origin=f"http://127.0.0.1:{port}",
        additional_headers={"Cookie": f"sessionid={cookie}"},
    )
    assert json.loads(await ws.recv())["type"] == "ready"
    await ws.send(json.dumps({"type": "hello", "rooms": {str(k): v for k, v in rooms.items()}}))
    frames = await _until(ws, "synced")
    return ws, [f["message"] for f in frames if f["type"] == "message"]


async def _until(ws, frame_type: str) -> list[dict]:
    frames = []
    while True:
        frame = json.loads(await asyncio.wait_for(ws.recv(), timeout=10))
        frames.append(frame)
        if frame["type"] == frame_type:
            return frames


async def _say(ws, room_id: int, client_id: str, body: str) -> dict:
    await ws.send(json.dumps({"type": "send", "room": room_id, "client_id": client_id, "body": body}))
    return (await _until(ws, "ack"))[-1]["message"]


async def _next_message_from(ws, sender) -> dict:
    while True:
        message = (await _until(ws, "message"))[-1]["message"]
        if message["sender_id"] == sender.pk:
            return message


@pytest.fixture
def servers():
    ports = [free_port(), free_port()]
    processes = [_start_server(port) for port in ports]
    try:
        for port, process in zip(ports, processes, strict=True):
            _wait_until_up(port, process)
        yield ports
    finally:
        _stop(processes)


async def test_messages_cross_processes_and_a_reconnect_to_the_other_process_catches_up(servers):
    port_a, port_b = servers
    alice, bob = await sync_to_async(UserFactory)(), await sync_to_async(UserFactory)()
    room = await sync_to_async(open_room)()
    alice_cookie = await sync_to_async(session_cookie)(alice)
    bob_cookie = await sync_to_async(session_cookie)(bob)

    alice_ws, _ = await _connect(port_a, alice_cookie, {room.pk: 0})
    bob_ws, _ = await _connect(port_b, bob_cookie, {room.pk: 0})
    try:
        # A to B, then B to A.
        sent = await _say(alice_ws, room.pk, "a1", "From process A")
        assert (await _next_message_from(bob_ws, alice))["body"] == "From process A"
        await _say(bob_ws, room.pk, "b1", "From process B")
        assert (await _next_message_from(alice_ws, bob))["body"] == "From process B"

        # Alice drops; Bob writes three messages; Alice comes back on the other process.
        await alice_ws.close()
        missed = [(await _say(bob_ws, room.pk, f"b-missed-{i}", f"Missed {i}"))["seq"] for i in range(3)]
        alice_ws, caught_up = await _connect(port_b, alice_cookie, {room.pk: sent["seq"] + 1})
        assert [m["seq"] for m in caught_up] == missed
        assert [m["body"] for m in caught_up] == ["Missed 0", "Missed 1", "Missed 2"]
    finally:
        await alice_ws.close()
        await bob_ws.close()
        # The ORM connection of sync_to_async's thread would keep the test database busy.
        await sync_to_async(connections.close_all)()


async def _closed_code(ws) -> int:
    """Read until the server closes the connection; fails if a chat message arrives first."""
    import websockets

    while True:
        try:
            frame = json.loads(await asyncio.wait_for(ws.recv(), timeout=10))
        except websockets.ConnectionClosed as closed:
            return closed.rcvd.code
        assert frame["type"] not in {"message", "update", "typing", "notification"}, frame


def _log_out(port: int, cookie: str) -> None:
    """POST /accounts/logout/ to one server process, as the browser's form does."""
    opener = urllib.request.build_opener()
    opener.addheaders = [("Cookie", f"sessionid={cookie}")]
    with opener.open(f"http://127.0.0.1:{port}/accounts/logout/", timeout=10) as page:
        html = page.read().decode()
        csrf_cookie = page.headers.get_all("Set-Cookie") or []
    token = html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    csrf = next(c.split(";", 1)[0].split("=", 1)[1] for c in csrf_cookie if c.startswith("csrftoken="))
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/accounts/logout/",
        data=f"csrfmiddlewaretoken={token}".encode(),
        headers={
            "Cookie": f"sessionid={cookie}; csrftoken={csrf}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        urllib.request.build_opener(NoRedirect).open(request, timeout=10)
    except urllib.error.HTTPError as response:
        assert response.code == 302, response.code


async def test_logging_out_through_one_process_closes_the_chat_held_by_the_other(servers):
    port_a, port_b = servers
    alice, bob = await sync_to_async(UserFactory)(), await sync_to_async(UserFactory)()
    room = await sync_to_async(open_room)()
    alice_cookie = await sync_to_async(session_cookie)(alice)
    bob_cookie = await sync_to_async(session_cookie)(bob)
    alice_ws, _ = await _connect(port_a, alice_cookie, {room.pk: 0})
    bob_ws, _ = await _connect(port_b, bob_cookie, {room.pk: 0})
    try:
        started = time.monotonic()
        await asyncio.to_thread(_log_out, port_b, alice_cookie)
        # Bob keeps writing: none of it may reach Alice's connection once her session ended.
        await _say(bob_ws, room.pk, "after-logout", "After the logout")
        assert await _closed_code(alice_ws) == 4001
        assert time.monotonic() - started < 5
    finally:
        await alice_ws.close()
        await bob_ws.close()
        await sync_to_async(connections.close_all)()


async def test_the_server_refuses_a_frame_over_the_protocol_limit_before_reading_it(servers):
    port_a, _port_b = servers
    alice = await sync_to_async(UserFactory)()
    room = await sync_to_async(open_room)()
    alice_ws, _ = await _connect(port_a, await sync_to_async(session_cookie)(alice), {room.pk: 0})
    try:
        await alice_ws.send(json.dumps({"type": "send", "room": room.pk, "client_id": "big", "body": "1-" * 9000}))
        assert await _closed_code(alice_ws) == 1009  # "message too big", from uvicorn
    finally:
        await alice_ws.close()
        await sync_to_async(connections.close_all)()


@pytest.fixture
def production_pair():
    """`make serve`: gunicorn with config/gunicorn.py for pages, uvicorn for the sockets."""
    pages_port, sockets_port = free_port(), free_port()
    pages = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--config", "config/gunicorn.py"],
        cwd=BASE_DIR,
        env=_server_env(PORT=str(pages_port), WORKERS="1"),
    )
    sockets = _start_server(sockets_port)
    try:
        _wait_until_up(pages_port, pages)
        _wait_until_up(sockets_port, sockets)
        yield pages_port, sockets_port
    finally:
        _stop((pages, sockets))


async def test_logging_out_on_the_page_server_closes_the_chat_held_by_the_socket_server(production_pair):
    pages_port, sockets_port = production_pair
    alice = await sync_to_async(UserFactory)()
    room = await sync_to_async(open_room)()
    alice_cookie = await sync_to_async(session_cookie)(alice)
    alice_ws, _ = await _connect(sockets_port, alice_cookie, {room.pk: 0})
    try:
        started = time.monotonic()
        await asyncio.to_thread(_log_out, pages_port, alice_cookie)
        assert await _closed_code(alice_ws) == 4001
        assert time.monotonic() - started < 5
    finally:
        await alice_ws.close()
        await sync_to_async(connections.close_all)()
