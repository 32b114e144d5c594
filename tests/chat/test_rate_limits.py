import time
import uuid

import pytest
from django.urls import reverse

from moderation.models import Report
from tests.factories import UserFactory

from .factories import open_room, send

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _small_limits(settings):
    settings.RATE_LIMIT_KEY_PREFIX = f"rl-{uuid.uuid4().hex}"
    settings.RATE_LIMITS = {"report": (1, 3600)}


def test_reporting_messages_over_the_limit_answers_429(member_client):
    author = UserFactory()
    room = open_room()
    first, second = send(author, room, "one"), send(author, room, "two")
    assert member_client.post(reverse("chat:message_report", args=[first.pk]), {"reason": "spam"}).status_code == 302
    response = member_client.post(reverse("chat:message_report", args=[second.pk]), {"reason": "spam"})
    assert response.status_code == 429
    assert Report.objects.count() == 1


# The flood limit of sends (chat.ratelimit): a burst, then a steady rate, atomic across processes.


@pytest.fixture
def clock(monkeypatch):
    from chat import ratelimit

    now = [time.time()]
    monkeypatch.setattr(ratelimit, "_now", lambda: now[0])
    return now


def test_a_member_may_send_a_burst_then_one_message_a_second(member, settings, clock):
    from chat import ratelimit

    settings.CHAT_RATE_BURST, settings.CHAT_RATE_PER_SECOND = 10, 1
    assert all(ratelimit.take(member.pk) for _ in range(10))
    assert not ratelimit.take(member.pk)
    clock[0] += 0.5
    assert not ratelimit.take(member.pk)
    clock[0] += 0.5
    assert ratelimit.take(member.pk)
    assert not ratelimit.take(member.pk)


def test_a_refused_send_takes_nothing(member, settings, clock):
    from chat import ratelimit

    settings.CHAT_RATE_BURST, settings.CHAT_RATE_PER_SECOND = 2, 1
    assert ratelimit.take(member.pk) and ratelimit.take(member.pk)
    for _ in range(20):  # hammering while limited does not push the next token further away
        assert not ratelimit.take(member.pk)
    clock[0] += 1.0
    assert ratelimit.take(member.pk)


def test_a_pause_refills_the_bucket_but_never_beyond_the_burst(member, settings, clock):
    from chat import ratelimit

    settings.CHAT_RATE_BURST, settings.CHAT_RATE_PER_SECOND = 3, 1
    assert all(ratelimit.take(member.pk) for _ in range(3))
    clock[0] += 3600
    from django.core.cache import cache

    cache.delete(f"chat:gcra:{member.pk}")  # what the key's expiry does after the pause
    assert all(ratelimit.take(member.pk) for _ in range(3))
    assert not ratelimit.take(member.pk)


def test_the_limit_is_per_member(member, other_member, settings, clock):
    from chat import ratelimit

    settings.CHAT_RATE_BURST, settings.CHAT_RATE_PER_SECOND = 1, 1
    assert ratelimit.take(member.pk)
    assert not ratelimit.take(member.pk)
    assert ratelimit.take(other_member.pk)


def test_concurrent_sends_never_spend_more_than_the_burst_and_nobody_waits(member, settings, clock, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from chat import ratelimit

    settings.CHAT_RATE_BURST, settings.CHAT_RATE_PER_SECOND = 5, 1

    def no_sleep(_seconds):
        raise AssertionError("the limiter must not wait for a lock")

    monkeypatch.setattr(ratelimit.time, "sleep", no_sleep)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _i: ratelimit.take(member.pk), range(40)))
    assert results.count(True) == 5
