"""Values every member shares until what they are computed from changes (the forum's
counts per category, the library's facet counts). A version number in the cache is part of
every key; ``invalidate`` bumps it, so the next reader recomputes once and the old entries
simply expire. Works the same on the local-memory cache and on Redis shared by all workers."""

from collections.abc import Callable

from django.core.cache import cache


class VersionedCache:
    def __init__(self, prefix: str, *, timeout: int):
        self.prefix = prefix
        self.timeout = timeout
        self.version_key = f"{prefix}:version"

    def get_or_compute(self, part: str, compute: Callable[[], object]):
        version = cache.get_or_set(self.version_key, 1, timeout=None)
        key = f"{self.prefix}:{version}:{part}"
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, self.timeout)
        return value

    def invalidate(self) -> None:
        try:
            cache.incr(self.version_key)
        except ValueError:  # not set yet, or evicted
            cache.set(self.version_key, 2, timeout=None)
