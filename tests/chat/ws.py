"""Opening chat WebSockets in tests, through the real ASGI stack (origin check, session auth)."""

from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from config.asgi import application
from tests.helpers import with_second_factor


def session_cookie(user, last_activity: int | None = None) -> str:
    client = Client()
    if getattr(user, "_second_factor_in_session", False):
        with_second_factor(user, client)
    else:
        client.force_login(user)
    if last_activity is not None:
        session = client.session
        session["_last_activity"] = last_activity
        session.save()
    return client.cookies["sessionid"].value


async def open_socket(
    user=None, *, origin: bytes = b"http://127.0.0.1", last_activity: int | None = None
) -> WebsocketCommunicator:
    headers = [(b"origin", origin), (b"host", b"127.0.0.1")]
    cookie = None
    if user is not None:
        cookie = await sync_to_async(session_cookie)(user, last_activity)
        headers.append((b"cookie", f"sessionid={cookie}".encode()))
    socket = WebsocketCommunicator(application, "/ws/chat/", headers=headers)
    socket.session_key = cookie
    return socket


async def connect_ready(user, rooms: dict | None = None) -> tuple[WebsocketCommunicator, dict]:
    """Connect, read ``ready``, say ``hello`` for ``rooms`` and read up to their ``synced``."""
    socket = await open_socket(user)
    connected, _code = await socket.connect()
    assert connected
    ready = await socket.receive_json_from(timeout=5)
    assert ready["type"] == "ready"
    if rooms:
        await socket.send_json_to({"type": "hello", "rooms": {str(k): v for k, v in rooms.items()}})
    return socket, ready


async def receive_until(socket, frame_type: str, timeout: float = 5) -> list[dict]:
    """Frames up to and including the first of ``frame_type``."""
    frames = []
    while True:
        frame = await socket.receive_json_from(timeout=timeout)
        frames.append(frame)
        if frame["type"] == frame_type:
            return frames
