"""Rate limits on what members do (posting, reporting, inviting), counted per member in the
shared cache, so with Redis the limit holds across every worker process.

Limits live in `settings.RATE_LIMITS` as `{scope: (count, seconds)}` and are counted in fixed
windows; nothing but the member id is part of a key, and a key disappears with its window.

Two ways to apply a limit:

- `@rate_limit_view("post")` on a view: a POST when the budget is spent is answered with a
  translated HTTP 429 page. Each POST takes a unit before the view runs (so simultaneous
  requests cannot overrun the limit) and gives it back unless the view redirected, so
  previews, mistakes and the personal-details check do not count.
- `@rate_limited("invite", user_arg="inviter")` on a service: raises `RateLimited`, a
  `ValidationError` with code "rate_limited", which views already show on their forms; a unit
  is taken before the call and given back if it raises, so only calls that return count.

A cache failure never blocks members or causes an error page: the limit is then skipped and
logged.
"""

import functools
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import ngettext

logger = logging.getLogger(__name__)

DEFAULT_LIMITS = {
    # Forum threads and replies together.
    "post": (30, 10 * 60),
    # Reports of posts, chat messages and resources together.
    "report": (10, 60 * 60),
    # Library files announced for upload in pieces (resources.partial_uploads).
    "upload": (100, 60 * 60),
    # Invitations sent by one moderator or admin.
    "invite": (30, 24 * 60 * 60),
    # Data archives asked for by one member (each reads all they wrote and uploaded).
    "export": (3, 24 * 60 * 60),
    # Member picker look-ups (one per pause in typing): enough to type, too few to list everyone.
    "member_picker": (120, 60),
}
SUCCESS_STATUSES = (301, 302, 303)


class RateLimited(ValidationError):
    def __init__(self, *, retry_after: int):
        self.retry_after = retry_after
        super().__init__(_limit_message(retry_after), code="rate_limited")


def _limit(scope: str) -> tuple[int, int] | None:
    limits = {**DEFAULT_LIMITS, **getattr(settings, "RATE_LIMITS", {})}
    limit = limits.get(scope)
    if not limit or not limit[0] or not limit[1]:
        return None
    return int(limit[0]), int(limit[1])


def _window(seconds: int) -> tuple[int, int]:
    """The current window's number and the seconds until it ends."""
    now = int(time.time())  # wall clock: shared by every process
    return now // seconds, seconds - now % seconds


def _key(scope: str, ident, window: int) -> str:
    prefix = getattr(settings, "RATE_LIMIT_KEY_PREFIX", "ratelimit")
    return f"{prefix}:{scope}:{ident}:{window}"


def retry_after(scope: str, ident) -> int:
    """0 when the member may act now, else the seconds until they may (a read, for pages that
    want to say so in advance; the limit itself is enforced by `reserve`)."""
    limit = _limit(scope)
    if limit is None:
        return 0
    count, seconds = limit
    window, remaining = _window(seconds)
    try:
        used = cache.get(_key(scope, ident, window), 0)
    except Exception:  # the cache is down: let members act rather than show an error
        logger.exception("rate limit check failed for %s", scope)
        return 0
    return remaining if used >= count else 0


def reserve(scope: str, ident) -> tuple[str | None, int]:
    """Take one unit before acting: `(key, 0)` when the member may act, `(None, seconds)` when
    the budget is spent. The counter is raised first and compared after, each step atomic in
    Redis and the local cache, so simultaneous requests cannot all pass a check made before any
    of them counted. `refund(key)` gives the unit back when the action did not happen."""
    limit = _limit(scope)
    if limit is None:
        return None, 0
    count, seconds = limit
    window, remaining = _window(seconds)
    key = _key(scope, ident, window)
    try:
        cache.add(key, 0, timeout=remaining + 5)
        try:
            used = cache.incr(key)
        except ValueError:  # the window ended between the two calls; the new one starts empty
            cache.add(key, 0, timeout=remaining + 5)
            used = cache.incr(key)
    except Exception:  # the cache is down: let members act rather than show an error
        logger.exception("rate limit count failed for %s", scope)
        return None, 0
    if used > count:
        _decrement(key)
        return None, remaining
    return key, 0


def refund(key: str | None) -> None:
    if key is not None:
        _decrement(key)


def _decrement(key: str) -> None:
    try:
        cache.decr(key)
    except ValueError:
        pass  # the window has ended and its counter with it
    except Exception:
        logger.exception("rate limit refund failed for %s", key)


def spend(scope: str, ident) -> None:
    """Count one action without asking (for actions that happened anyway)."""
    reserve(scope, ident)


def check_and_spend(scope: str, ident) -> None:
    """Raise `RateLimited` when the budget is spent; otherwise count this action."""
    _key_taken, wait = reserve(scope, ident)
    if wait:
        raise RateLimited(retry_after=wait)


def _limit_message(seconds: int) -> str:
    minutes = max(1, (seconds + 59) // 60)
    return ngettext(
        "You have done this many times in a short while. Please wait %(minutes)d minute and try again.",
        "You have done this many times in a short while. Please wait %(minutes)d minutes and try again.",
        minutes,
    ) % {"minutes": minutes}


def too_many_requests(request, *, retry_after: int):
    response = render(request, "core/rate_limited.html", {"message": _limit_message(retry_after)}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def rate_limit_view(scope: str, *, methods=("POST",)):
    """Limit a view's successful POSTs per member and answer 429 itself when over the limit."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            user = getattr(request, "user", None)
            if request.method not in methods or user is None or not user.is_authenticated:
                return view(request, *args, **kwargs)
            key, wait = reserve(scope, user.pk)
            if wait:
                return too_many_requests(request, retry_after=wait)
            try:
                response = view(request, *args, **kwargs)
            except BaseException:
                refund(key)
                raise
            if response.status_code not in SUCCESS_STATUSES:
                refund(key)  # a preview, a mistake or the personal-details question
            return response

        return wrapper

    return decorator


def rate_limited(scope: str, *, user_arg: str):
    """Limit a service per member, the member being its keyword argument `user_arg`. Put it
    above `@transaction.atomic` so a refusal opens no transaction."""

    def decorator(service):
        @functools.wraps(service)
        def wrapper(*args, **kwargs):
            user = kwargs.get(user_arg)
            ident = getattr(user, "pk", None)
            if ident is None:
                return service(*args, **kwargs)
            key, wait = reserve(scope, ident)
            if wait:
                raise RateLimited(retry_after=wait)
            try:
                return service(*args, **kwargs)
            except BaseException:
                refund(key)  # only what succeeded counts
                raise

        return wrapper

    return decorator
