"""Forwarding headers are believed only when they come from a proxy we run.

`X-Forwarded-For`, `X-Forwarded-Proto` and their kin are plain request headers: any client can
send them. uvicorn (`--proxy-headers`) applies them only when the connection comes from an
address in `FORWARDED_ALLOW_IPS`; this middleware holds Django to the same rule, so nothing in
Django (the HTTPS check of `SECURE_PROXY_SSL_HEADER`, allauth's client address for its login
rate limits, the session list) can be steered by a client that talks to us directly. It runs
first, before anything reads the request.

Behind a proxy we run, the client's address is taken from `X-Forwarded-For` as uvicorn's
`--proxy-headers` does: the nearest address there that is not one of our proxies. gunicorn,
which serves the pages in production, leaves `REMOTE_ADDR` as the proxy's, which would put
every member behind one address for the per-address rate limits.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings

FORWARDING_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
)


@lru_cache(maxsize=8)
def _networks(allowed: tuple[str, ...]):
    networks = []
    for entry in allowed:
        entry = entry.strip()
        if entry == "*":
            return None  # every peer is a proxy: only for a socket nobody else can reach
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            continue  # a Unix socket path or a typo: trusts nothing
    return tuple(networks)


def is_trusted_proxy(address: str | None) -> bool:
    allowed = getattr(settings, "FORWARDED_ALLOW_IPS", ["127.0.0.1"])
    networks = _networks(tuple(allowed))
    if networks is None:
        return True
    try:
        peer = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return False
    return any(peer in network for network in networks)


def forwarded_client(forwarded_for: str) -> str | None:
    """The client's address in an `X-Forwarded-For` our proxy sent: the nearest one that is not
    a proxy of ours (every proxy appends the address it saw), or None when none is valid."""
    hosts = [host.strip() for host in forwarded_for.split(",") if host.strip()]
    for host in reversed(hosts):
        if not is_trusted_proxy(host):
            return _valid_address(host)
    return _valid_address(hosts[0]) if hosts else None


def _valid_address(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return None


class UntrustedForwardedHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_trusted_proxy(request.META.get("REMOTE_ADDR")):
            for header in FORWARDING_HEADERS:
                request.META.pop(header, None)
        else:
            client = forwarded_client(request.META.get("HTTP_X_FORWARDED_FOR", ""))
            if client:
                request.META["REMOTE_ADDR"] = client
        return self.get_response(request)
