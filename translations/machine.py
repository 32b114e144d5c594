"""Optional machine suggestions from a self-hosted LibreTranslate server.

Off unless ``TRANSLATION_URL`` is set. The address must resolve to a private, loopback or
link-local network unless ``TRANSLATION_ALLOW_PUBLIC`` is on, so members' words never go to a
third-party service by mistake. A suggestion only prefills the form: the member reads and
corrects it and confirms before anything is published."""

import ipaddress
import json
import socket
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings

TIMEOUT_SECONDS = 10
MAX_CHARACTERS = 20_000
# Interface codes LibreTranslate names differently.
_CODES = {"fa-af": "fa", "uz-cyrl": "uz"}


class Unavailable(Exception):
    """No suggestion: not configured, refused address, or the server did not answer."""


def configured_url() -> str:
    return (getattr(settings, "TRANSLATION_URL", "") or "").strip()


def is_enabled() -> bool:
    return bool(configured_url())


def address_problem(url: str, *, allow_public: bool | None = None) -> str:
    """Why ``url`` may not be used, or "" when it may."""
    if allow_public is None:
        allow_public = bool(getattr(settings, "TRANSLATION_ALLOW_PUBLIC", False))
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "TRANSLATION_URL must be an http(s) address"
    if allow_public:
        return ""
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except (socket.gaierror, UnicodeError):
        return f"TRANSLATION_URL host {parts.hostname!r} does not resolve"
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not (address.is_private or address.is_loopback or address.is_link_local):
            return (
                f"TRANSLATION_URL resolves to the public address {address}; set TRANSLATION_ALLOW_PUBLIC=1 "
                "only for a server the alliance runs"
            )
    return ""


def suggest(text: str, *, source: str, target: str) -> str:
    """The server's translation of ``text``; raises ``Unavailable``."""
    url = configured_url()
    if not url:
        raise Unavailable("not configured")
    problem = address_problem(url)
    if problem:
        raise Unavailable(problem)
    if not text.strip():
        return ""
    payload = {
        "q": text[:MAX_CHARACTERS],
        "source": _CODES.get(source, source) or "auto",
        "target": _CODES.get(target, target),
        "format": "text",
    }
    api_key = getattr(settings, "TRANSLATION_API_KEY", "")
    if api_key:
        payload["api_key"] = api_key
    request = urllib.request.Request(  # noqa: S310 - http(s) only, checked by address_problem
        url.rstrip("/") + "/translate",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 - checked above
            body = json.loads(response.read(MAX_CHARACTERS * 8).decode())
    except (urllib.error.URLError, TimeoutError, ValueError, OSError) as error:
        raise Unavailable(str(error)) from error
    translated = body.get("translatedText") if isinstance(body, dict) else None
    if not isinstance(translated, str):
        raise Unavailable("unexpected answer")
    return translated[:MAX_CHARACTERS]
