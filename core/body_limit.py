"""Request bodies larger than one upload piece (`UPLOAD_CHUNK_BYTES`) are refused everywhere
except on the views that take files (marked with `accepts_uploads`): no form, JSON call or
login needs more, and a large body held by a worker is a cheap way to tie it up.

Two layers, with the same rule:

- `BodySizeLimitASGI` wraps the ASGI application and looks at `Content-Length` before Django
  reads the body (Django's ASGI handler reads all of it, to disk, before any middleware runs):
  the oversized body is then not read at all. A chunked body, which declares no length, is
  read here up to the limit and no further.
- `BodySizeLimitMiddleware` answers such a request with a translated 413 page.
"""

from django.conf import settings
from django.shortcuts import render
from django.urls import Resolver404, resolve

# Set in the ASGI scope when a body was refused before it was read.
SCOPE_FLAG = "alliance_hub.body_too_large"


def accepts_uploads(view):
    """Mark a view that takes files larger than one upload piece; it limits them itself."""
    view.accepts_uploads = True
    return view


def _limit() -> int:
    return int(getattr(settings, "UPLOAD_CHUNK_BYTES", 1024 * 1024))


def _declared_length(value) -> int:
    try:
        return max(0, int(value or 0))
    except (TypeError, ValueError):
        return 0  # Django refuses a malformed length itself


def _takes_uploads(path: str) -> bool:
    try:
        return bool(getattr(resolve(path).func, "accepts_uploads", False))
    except Resolver404:
        return False


def too_large(path: str, content_length) -> bool:
    return _declared_length(content_length) > _limit() and not _takes_uploads(path)


class BodySizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refused_unread = getattr(request, "scope", {}).get(SCOPE_FLAG, False)
        if refused_unread or too_large(request.path_info, request.META.get("CONTENT_LENGTH")):
            response = render(request, "core/too_large.html", status=413)
            response["Connection"] = "close"
            return response
        return self.get_response(request)


class BodySizeLimitASGI:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            headers = dict(scope.get("headers") or [])
            path = scope.get("path", "")
            if b"content-length" in headers:
                if too_large(path, headers[b"content-length"].decode("latin-1")):
                    scope = {**scope, SCOPE_FLAG: True}
                    receive = _without_body(receive)
            elif b"transfer-encoding" in headers and not _takes_uploads(path):
                # A body sent in chunks declares no length: read up to the limit here.
                received, receive = await _read_up_to(receive, _limit())
                if received is None:
                    scope = {**scope, SCOPE_FLAG: True}
        return await self.app(scope, receive, send)


async def _read_up_to(receive, limit: int):
    """Read a body of undeclared length: `(messages, replay)` when it fits in `limit`, where
    `replay` hands Django the same messages; `(None, receive_nothing)` when it is larger."""
    messages, size = [], 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            messages.append(message)
            break
        size += len(message.get("body", b""))
        if size > limit:
            return None, _without_body(receive)
        messages.append(message)
        if not message.get("more_body", False):
            break

    async def replay():
        return messages.pop(0) if messages else await receive()

    return list(messages), replay


def _without_body(receive):
    """Hand Django an empty body at once; later reads drop whatever the client still sends
    until it disconnects (Django listens for that while it responds)."""
    given = False

    async def receive_nothing():
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": b"", "more_body": False}
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return message

    return receive_nothing
