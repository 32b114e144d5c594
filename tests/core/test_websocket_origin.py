"""WebSockets open only from the hub's own pages: same scheme, host and port, or an origin the
operator lists; everything else is refused before the consumer runs."""

import pytest
from asgiref.sync import SyncToAsync, sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.testing import WebsocketCommunicator
from django.core.exceptions import ImproperlyConfigured
from django.db import connections

from config.asgi import application
from core.origin import SameOriginValidator, allowed_origins
from tests.chat.ws import session_cookie
from tests.factories import UserFactory
from tests.helpers import LIVE_DB


class Accepting(AsyncWebsocketConsumer):
    async def connect(self):
        await self.accept()


guarded = SameOriginValidator(Accepting.as_asgi())


async def handshake(app, *, origin=None, host=b"127.0.0.1", scheme=None, path="/ws/chat/", extra=()):
    headers = [(b"host", host)] if host is not None else []
    if origin is not None:
        headers.append((b"origin", origin))
    headers.extend(extra)
    socket = WebsocketCommunicator(app, path, headers=headers)
    if scheme is not None:
        socket.scope["scheme"] = scheme
    connected, _ = await socket.connect()
    await socket.disconnect()
    return connected


SAME_ORIGIN = [
    # (scheme of the socket as uvicorn sets it, Host header, Origin header)
    ("ws", b"127.0.0.1", b"http://127.0.0.1"),
    ("ws", b"127.0.0.1:8000", b"http://127.0.0.1:8000"),
    ("ws", b"127.0.0.1:80", b"http://127.0.0.1"),  # default port written or not
    ("wss", b"localhost", b"https://localhost"),  # behind the proxy, X-Forwarded-Proto: https
    ("wss", b"localhost", b"https://localhost:443"),
    ("ws", b"LocalHost:8000", b"http://localhost:8000"),  # host names ignore case
    ("ws", b"[::1]:8000", b"http://[::1]:8000"),
    (None, b"127.0.0.1", b"http://127.0.0.1"),  # ASGI's default scheme is ws
]


@pytest.mark.asyncio
@pytest.mark.parametrize(("scheme", "host", "origin"), SAME_ORIGIN)
async def test_the_sites_own_origin_is_accepted(scheme, host, origin):
    assert await handshake(guarded, scheme=scheme, host=host, origin=origin)


REFUSED = {
    "other port": ("ws", b"127.0.0.1:8000", b"http://127.0.0.1:9999"),
    "port left out": ("ws", b"127.0.0.1:8000", b"http://127.0.0.1"),
    "other scheme (https page, plain socket)": ("ws", b"127.0.0.1", b"https://127.0.0.1"),
    "other scheme (http page, tls socket)": ("wss", b"localhost", b"http://localhost"),
    "http on the https port": ("wss", b"localhost", b"http://localhost:443"),
    "other host": ("ws", b"127.0.0.1", b"http://localhost"),
    "other site": ("ws", b"127.0.0.1", b"https://evil.example.com"),
    "sub-domain look-alike": ("ws", b"localhost", b"http://localhost.evil.example.com"),
    "null": ("ws", b"127.0.0.1", b"null"),
    "missing": ("ws", b"127.0.0.1", None),
    "empty": ("ws", b"127.0.0.1", b""),
    "not an origin": ("ws", b"127.0.0.1", b"127.0.0.1"),
    "with a path": ("ws", b"127.0.0.1", b"http://127.0.0.1/chat/"),
    "with credentials": ("ws", b"127.0.0.1", b"http://user@127.0.0.1"),
    "bad port": ("ws", b"127.0.0.1", b"http://127.0.0.1:99999"),
    "another scheme": ("ws", b"127.0.0.1", b"file://127.0.0.1"),
    "not valid text": ("ws", b"127.0.0.1", b"http://127.0.0.1\xff"),
    "host not served (DNS rebinding)": ("ws", b"evil.example.com", b"http://evil.example.com"),
    "no host header": ("ws", None, b"http://127.0.0.1"),
    "unknown scheme": ("http", b"127.0.0.1", b"http://127.0.0.1"),
}


@pytest.mark.asyncio
@pytest.mark.parametrize(("scheme", "host", "origin"), REFUSED.values(), ids=REFUSED.keys())
async def test_any_other_origin_is_refused(scheme, host, origin):
    assert not await handshake(guarded, scheme=scheme, host=host, origin=origin)


@pytest.mark.asyncio
async def test_two_origin_headers_are_refused():
    assert not await handshake(guarded, origin=b"http://127.0.0.1", extra=[(b"origin", b"https://evil.example.com")])


@pytest.mark.asyncio
async def test_two_host_headers_are_refused():
    assert not await handshake(guarded, origin=b"http://127.0.0.1", extra=[(b"host", b"evil.example.com")])


@pytest.mark.asyncio
async def test_an_origin_listed_by_the_operator_is_accepted_and_only_that_one(settings):
    # The proxy serves the public port 8443 but passes on "Host: localhost".
    settings.WEBSOCKET_ALLOWED_ORIGINS = ["https://localhost:8443/"]
    assert await handshake(guarded, scheme="wss", host=b"localhost", origin=b"https://localhost:8443")
    assert not await handshake(guarded, scheme="wss", host=b"localhost", origin=b"https://localhost:8444")
    assert not await handshake(guarded, scheme="wss", host=b"localhost", origin=b"http://localhost:8443")
    # The listed origin does not open the door to a Host the site does not serve.
    assert not await handshake(guarded, scheme="wss", host=b"evil.example.com", origin=b"https://localhost:8443")


@pytest.mark.parametrize("entry", ["localhost", "https://", "https://hub.example.org/path", "ftp://hub.example.org"])
def test_a_listed_origin_that_is_not_one_stops_the_start(entry):
    with pytest.raises(ImproperlyConfigured):
        allowed_origins((entry,))


# Through the real stack, on every socket route, with a member who would be let in.


@pytest.fixture
def _close_connections_of_the_async_thread():
    yield
    SyncToAsync.single_thread_executor.submit(connections.close_all).result(timeout=10)


ROUTES = ["/ws/chat/", "/ws/notifications/"]
FOREIGN = [b"http://127.0.0.1:9999", b"https://127.0.0.1", b"http://localhost:1234", b"null", None]


@LIVE_DB
@pytest.mark.asyncio
@pytest.mark.usefixtures("_close_connections_of_the_async_thread")
@pytest.mark.parametrize("path", ROUTES)
async def test_every_socket_route_takes_its_own_origin_and_refuses_others(path):
    member = await sync_to_async(UserFactory)()
    cookie = (b"cookie", f"sessionid={await sync_to_async(session_cookie)(member)}".encode())
    host = b"127.0.0.1:8000"
    assert await handshake(application, path=path, host=host, origin=b"http://127.0.0.1:8000", extra=[cookie])
    for origin in FOREIGN:
        assert not await handshake(application, path=path, host=host, origin=origin, extra=[cookie]), origin
