"""Rate limits on what members do (posting, reporting, inviting), counted per member in the
shared cache, so with Redis the limit holds across every worker process.

Limits live in `settings.RATE_LIMITS` as `{scope: (count, seconds)}` and are counted in fixed
windows; nothing but the member id is part of a key, and a key disappears with its window.

Two ways to apply a limit:

- `@rate_limit_view("post")` on a view: a POST when the budget is spent is answered with a
  translated HTTP 429 page; a POST that succeeded (the view redirected) spends one unit, so
  previews, mistakes and the personal-details check do not count.
- `@rate_limited("invite", user_arg="inviter")` on a service: raises `RateLimited`, a
  `ValidationError` with code "rate_limited", which views already show on their forms; only
  calls that return normally count.

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
    """0 when the member may act now, else the seconds until they may."""
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


def spend(scope: str, ident) -> None:
    """Count one action. `add` then `incr` are each atomic in Redis and the local cache."""
    limit = _limit(scope)
    if limit is None:
        return
    _count, seconds = limit
    window, remaining = _window(seconds)
    key = _key(scope, ident, window)
    try:
        cache.add(key, 0, timeout=remaining + 5)
        cache.incr(key)
    except ValueError:
        pass  # the window ended between the two calls; the new one starts empty
    except Exception:
        logger.exception("rate limit count failed for %s", scope)


def check_and_spend(scope: str, ident) -> None:
    """Raise `RateLimited` when the budget is spent; otherwise count this action."""
    wait = retry_after(scope, ident)
    if wait:
        raise RateLimited(retry_after=wait)
    spend(scope, ident)


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
            wait = retry_after(scope, user.pk)
            if wait:
                return too_many_requests(request, retry_after=wait)
            response = view(request, *args, **kwargs)
            if response.status_code in SUCCESS_STATUSES:
                spend(scope, user.pk)
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
            wait = retry_after(scope, ident)
            if wait:
                raise RateLimited(retry_after=wait)
            result = service(*args, **kwargs)
            spend(scope, ident)  # only what succeeded counts
            return result

        return wrapper

    return decorator
