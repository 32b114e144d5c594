"""Opening chat WebSockets in tests, through the real ASGI stack (origin check, session auth)."""

from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from config.asgi import application


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


async def open_socket(user=None, *, origin: bytes = b"http://127.0.0.1") -> WebsocketCommunicator:
    headers = [(b"origin", origin), (b"host", b"127.0.0.1")]
    if user is not None:
        cookie = await sync_to_async(session_cookie)(user)
        headers.append((b"cookie", f"sessionid={cookie}".encode()))
    return WebsocketCommunicator(application, "/ws/chat/", headers=headers)


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
