"""Token bucket per member in the shared cache, so the limit holds across worker processes.

A member may send ``CHAT_RATE_BURST`` messages at once, then ``CHAT_RATE_PER_SECOND``
messages a second. The read-modify-write runs under a short per-member lock taken with
``cache.add`` (atomic in Redis and in the local-memory cache), so two processes cannot both
spend the last token."""

import time

from django.conf import settings
from django.core.cache import cache

LOCK_SECONDS = 2
LOCK_WAIT_SECONDS = 0.5


def _now() -> float:
    return time.time()  # wall clock: shared between processes


def _config() -> tuple[float, float]:
    return float(getattr(settings, "CHAT_RATE_BURST", 10)), float(getattr(settings, "CHAT_RATE_PER_SECOND", 1.0))


def take(user_id: int) -> bool:
    """Take one token; False when the member is over the limit (nothing is taken then)."""
    burst, rate = _config()
    key, lock = f"chat:rate:{user_id}", f"chat:rate-lock:{user_id}"
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while not cache.add(lock, 1, timeout=LOCK_SECONDS):
        if time.monotonic() > deadline:
            return False  # someone is hammering sends for this member right now
        time.sleep(0.01)
    try:
        now = _now()
        tokens, stamp = cache.get(key) or (burst, now)
        tokens = min(burst, tokens + max(0.0, now - stamp) * rate)
        allowed = tokens >= 1
        cache.set(key, (tokens - 1 if allowed else tokens, now), timeout=int(burst / rate) + 60)
        return allowed
    finally:
        cache.delete(lock)
