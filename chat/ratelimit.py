"""The chat's per-member flood limit, in the shared cache so that it holds across worker processes.

A member may send ``CHAT_RATE_BURST`` messages at once, then ``CHAT_RATE_PER_SECOND`` messages
a second: a token bucket, kept as the generic cell rate algorithm (GCRA) does. One integer per
member, the *theoretical arrival time* in milliseconds: each message moves it one interval
(1 / rate) later; a message is allowed while that time stays within ``burst`` intervals of now.

Every step is one atomic cache operation (``add``, ``incr``, ``decr``: single commands in Redis,
locked in the local-memory cache), so no process waits for another and two processes cannot both
spend the last token. The key expires when the arrival time has passed (``touch``), which is what
"the bucket is full again" means, so there is never a stale time to catch up with; expiry has
second granularity, so after a pause a member may get up to one message more than the exact
bucket would allow, never fewer."""

import math
import time

from django.conf import settings
from django.core.cache import cache

ATTEMPTS = 3


def _now() -> float:
    return time.time()  # wall clock: shared between processes


def _config() -> tuple[float, float]:
    return float(getattr(settings, "CHAT_RATE_BURST", 10)), float(getattr(settings, "CHAT_RATE_PER_SECOND", 1.0))


def _ttl(arrival_ms: int, now_ms: int) -> int:
    return max(1, math.ceil((arrival_ms - now_ms) / 1000))


def take(user_id: int) -> bool:
    """Take one token; False when the member is over the limit (nothing is taken then)."""
    burst, rate = _config()
    interval = max(1, round(1000 / rate))
    key = f"chat:gcra:{user_id}"
    for _attempt in range(ATTEMPTS):
        now = round(_now() * 1000)
        # A full bucket (no key): this message starts a new arrival time.
        if cache.add(key, now + interval, timeout=_ttl(now + interval, now)):
            return True
        try:
            arrival = cache.incr(key, interval)
        except ValueError:
            continue  # expired between the two calls: the bucket is full again
        if arrival - interval < now - 1000:
            # The key outlived its arrival time (clocks of two machines apart): start afresh.
            cache.set(key, now + interval, timeout=_ttl(now + interval, now))
            return True
        if arrival - now > burst * interval:
            try:
                cache.decr(key, interval)  # refused: give the token back
            except ValueError:
                pass
            return False
        cache.touch(key, _ttl(arrival, now))
        return True
    return True
