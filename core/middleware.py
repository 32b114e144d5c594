import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _


class NoStoreMiddleware:
    """Leave no traces: pages are never stored by the browser or a proxy. Static files are
    served (and cached for a year) by WhiteNoise before this runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(response, "cacheable", False):
            return response
        if not response.has_header("Cache-Control") or "no-store" not in response["Cache-Control"]:
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response


def allow_caching(response, *, max_age: int):
    """The one way out of no-store, for what is not member content and is addressed by a hash
    of its bytes (the translation catalogue, a published resource's thumbnail): the member's
    browser keeps it ``max_age`` seconds and never asks again, since a new version gets a new
    address. Private all the same: no proxy between the member and the hub keeps a copy."""
    response["Cache-Control"] = f"private, max-age={max_age}, immutable"
    response.cacheable = True
    return response


class IdleTimeoutMiddleware:
    """Log a member out after `SESSION_IDLE_TIMEOUT` seconds without a request, so a shared or
    seized device does not stay signed in.

    It runs after the message middleware, so the notice reaches the login page, and before any
    view, so LoginRequiredMiddleware (which acts in process_view) sees the anonymous visitor.
    The time of the last request is written to the session at most once a minute, to spare the
    session store a write on every page."""

    KEY = "_last_activity"
    WRITE_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = getattr(settings, "SESSION_IDLE_TIMEOUT", 0)
        user = getattr(request, "user", None)
        if timeout and user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(self.KEY)
            if isinstance(last, int) and now - last > timeout:
                logout(request)
                messages.info(request, _("You were logged out after a period without activity. Please log in again."))
            elif not isinstance(last, int) or now - last >= self.WRITE_EVERY:
                request.session[self.KEY] = now
        return self.get_response(request)
