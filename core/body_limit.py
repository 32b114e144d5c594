"""Request bodies larger than one upload piece (`UPLOAD_CHUNK_BYTES`) are refused everywhere
except on the views that take files (marked with `accepts_uploads`): no form, JSON call or
login needs more, and a large body held by a worker is a cheap way to tie it up.

Two layers, with the same rule:

- `BodySizeLimitASGI` wraps the ASGI application and looks at `Content-Length` before Django
  reads the body (Django's ASGI handler reads all of it, to disk, before any middleware runs):
  the oversized body is then not read at all.
- `BodySizeLimitMiddleware` answers such a request with a translated 413 page.
"""

from django.conf import settings
from django.shortcuts import render
from django.urls import Resolver404, resolve


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
        if too_large(request.path_info, request.META.get("CONTENT_LENGTH")):
            response = render(request, "core/too_large.html", status=413)
            response["Connection"] = "close"
            return response
        return self.get_response(request)


class BodySizeLimitASGI:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            length = dict(scope.get("headers") or []).get(b"content-length", b"").decode("latin-1")
            if too_large(scope.get("path", ""), length):
                receive = _without_body(receive)
        return await self.app(scope, receive, send)


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
