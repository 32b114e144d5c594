"""The quick exit's server side: ending the session of the person who leaves.

Every page of a logged-in member carries a one-time exit token kept in their session. The page
posts it (with the CSRF token) when the member leaves; only a request that carries both ends
the session, so a link or form on another site, an old page or another person's page cannot log
a member out. The person always reaches the neutral site, whatever the request carried."""

import secrets

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.crypto import constant_time_compare

SESSION_KEY = "_quick_exit_token"


def exit_token(request: HttpRequest) -> str:
    """The current exit token of a logged-in member's session, made on first use; empty for
    visitors who are not logged in (they have no session to end)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    token = request.session.get(SESSION_KEY)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_KEY] = token
    return token


def _csrf_passes(request: HttpRequest) -> bool:
    # Django's own check, run here rather than as a decorator so that a failed check still
    # sends the person on to the neutral site instead of an error page.
    return CsrfViewMiddleware(lambda _request: None).process_view(request, None, (), {}) is None


def _token_passes(request: HttpRequest, token: str) -> bool:
    expected = request.session.get(SESSION_KEY)
    return isinstance(expected, str) and bool(expected) and constant_time_compare(expected, token or "")


def quick_exit_leave(*, request: HttpRequest, token: str) -> bool:
    """End the session of a member who used the quick exit, unless they chose to stay signed
    in; then only the token changes, so the page they left cannot be replayed. Server-side data
    (drafts, posts, settings) is untouched: only this session ends. Returns whether it ended."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if not _token_passes(request, token) or not _csrf_passes(request):
        return False
    if user.stay_signed_in_after_exit:
        request.session[SESSION_KEY] = secrets.token_urlsafe(32)
        return False
    logout(request)
    return True


def neutral_site_url() -> str:
    return settings.QUICK_EXIT_URL
