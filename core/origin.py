"""WebSocket handshakes are accepted only from the hub's own pages.

Browsers send the session cookie with a WebSocket handshake whatever page opens it, so the
Origin header is what stops another site, a page served on another port of the same machine or
the plain-HTTP twin of the HTTPS site from chatting as the member (cross-site WebSocket
hijacking). Channels' ``AllowedHostsOriginValidator`` compares the origin's host name only;
here scheme, host and port must all equal the site's own as this connection reached it: the
Host header and the scheme uvicorn sets (``wss`` when the trusted proxy forwards
``X-Forwarded-Proto: https``), default ports made explicit. ``WEBSOCKET_ALLOWED_ORIGINS``
names further exact origins (a public port the proxy leaves out of Host, say). A handshake
without an Origin, with "null" (sandboxed frames, local files) or with a Host that
``ALLOWED_HOSTS`` does not name is refused.
"""

from functools import lru_cache
from urllib.parse import urlsplit

from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http.request import split_domain_port, validate_host

DEFAULT_PORTS = {"http": 80, "https": 443}
# The page's scheme that goes with the socket's (ASGI's default is "ws").
PAGE_SCHEMES = {"ws": "http", "wss": "https"}

Origin = tuple[str, str, int]


def parse_origin(value: str) -> Origin | None:
    """(scheme, host, port) of a serialised origin such as ``https://hub.example.org``; None
    when the text is not one (a path, credentials, another scheme, a bad port)."""
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    if parts.path or parts.query or parts.fragment or parts.username is not None or value != value.strip():
        return None
    return scheme, parts.hostname.lower(), port if port is not None else DEFAULT_PORTS[scheme]


@lru_cache(maxsize=8)
def allowed_origins(entries: tuple[str, ...]) -> frozenset[Origin]:
    origins = set()
    for entry in entries:
        entry = entry.strip().rstrip("/")
        if not entry:
            continue
        origin = parse_origin(entry)
        if origin is None:
            # A typo would otherwise refuse the very pages it was meant to let in, silently.
            raise ImproperlyConfigured(
                f"WEBSOCKET_ALLOWED_ORIGINS: {entry!r} is not an origin like https://host[:port]"
            )
        origins.add(origin)
    return frozenset(origins)


def _configured_origins() -> frozenset[Origin]:
    return allowed_origins(tuple(getattr(settings, "WEBSOCKET_ALLOWED_ORIGINS", ())))


def _allowed_hosts() -> list[str]:
    hosts = settings.ALLOWED_HOSTS
    if settings.DEBUG and not hosts:
        hosts = [".localhost", "127.0.0.1", "[::1]"]  # as Django's HTTP check
    return hosts


def site_origin(scope: dict) -> Origin | None:
    """The origin of the pages this connection belongs to: the scheme uvicorn set and the Host
    header; None without a Host that ALLOWED_HOSTS names."""
    page_scheme = PAGE_SCHEMES.get(scope.get("scheme", "ws"))
    hosts = [value for name, value in scope.get("headers", []) if name == b"host"]
    if page_scheme is None or len(hosts) != 1:
        return None
    domain, port = split_domain_port(hosts[0].decode("latin1"))
    if not domain or not validate_host(domain, _allowed_hosts()):
        return None
    return page_scheme, domain.strip("[]"), int(port) if port else DEFAULT_PORTS[page_scheme]


def origin_allowed(scope: dict) -> bool:
    origins = [value for name, value in scope.get("headers", []) if name == b"origin"]
    site = site_origin(scope)
    if len(origins) != 1 or site is None:
        return False
    origin = parse_origin(origins[0].decode("latin1"))  # "null" and garbage parse to None
    return origin is not None and (origin == site or origin in _configured_origins())


class SameOriginValidator:
    """ASGI middleware for every WebSocket route: refuses the handshake (403 from the server)
    unless ``origin_allowed``."""

    def __init__(self, application):
        self.application = application
        _configured_origins()  # a bad setting stops the start, not the first connection

    async def __call__(self, scope, receive, send):
        if scope["type"] != "websocket":
            raise ValueError("SameOriginValidator only guards WebSocket connections")
        if origin_allowed(scope):
            return await self.application(scope, receive, send)
        return await WebsocketDenier()(scope, receive, send)
