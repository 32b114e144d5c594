"""The shared, versioned cache behind the forum's category counts and the library's facets."""

import pytest
from django.core.cache import cache

from core.cache import VersionedCache


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_value_is_computed_once_until_invalidated():
    shared = VersionedCache("test:shared", timeout=60)
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert shared.get_or_compute("a", compute) == 1
    assert shared.get_or_compute("a", compute) == 1
    shared.invalidate()
    assert shared.get_or_compute("a", compute) == 2


def test_invalidating_before_anything_was_cached_still_bumps_the_version():
    shared = VersionedCache("test:fresh", timeout=60)
    shared.invalidate()
    assert shared.get_or_compute("a", lambda: "new") == "new"
    assert cache.get("test:fresh:version") == 2
