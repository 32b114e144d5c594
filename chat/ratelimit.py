"""Token bucket per member in the shared cache, so the limit holds across worker processes.

A member may send ``CHAT_RATE_BURST`` messages at once, then one every
``1 / CHAT_RATE_PER_SECOND`` seconds. The read-modify-write is not atomic across processes;
at worst a concurrent burst gets a message or two more, which is acceptable for a limit
that exists against floods, not for accounting."""

import time

from django.conf import settings
from django.core.cache import cache


def _config() -> tuple[float, float]:
    return float(getattr(settings, "CHAT_RATE_BURST", 10)), float(getattr(settings, "CHAT_RATE_PER_SECOND", 1.0))


def take(user_id: int) -> bool:
    """Take one token; False when the member is over the limit (nothing is taken then)."""
    burst, rate = _config()
    key = f"chat:rate:{user_id}"
    now = time.time()  # wall clock: shared between processes
    tokens, stamp = cache.get(key) or (burst, now)
    tokens = min(burst, tokens + (now - stamp) * rate)
    if tokens < 1:
        cache.set(key, (tokens, now), timeout=int(burst / rate) + 60)
        return False
    cache.set(key, (tokens - 1, now), timeout=int(burst / rate) + 60)
    return True
