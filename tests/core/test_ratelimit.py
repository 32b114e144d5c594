import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect
from django.test import RequestFactory
from django.utils import translation

from core import ratelimit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_counters(settings):
    # A key prefix of its own, so a parallel test sharing Redis never counts into this one.
    settings.RATE_LIMIT_KEY_PREFIX = f"rl-{uuid.uuid4().hex}"
    settings.RATE_LIMITS = {"test": (2, 600)}
    with translation.override("en"):
        yield


def _request(user, method="POST"):
    request = getattr(RequestFactory(), method.lower())("/somewhere/")
    request.user = user
    request.session = {}
    request._messages = mock.MagicMock()
    return request


def test_the_budget_is_counted_per_member():
    alice, bob = UserFactory(), UserFactory()
    ratelimit.spend("test", alice.pk)
    ratelimit.spend("test", alice.pk)
    assert ratelimit.retry_after("test", alice.pk) > 0
    assert ratelimit.retry_after("test", bob.pk) == 0


def test_a_limited_service_refuses_with_a_translated_validation_error():
    calls = []

    @ratelimit.rate_limited("test", user_arg="actor")
    def act(*, actor):
        calls.append(actor)

    member = UserFactory()
    act(actor=member)
    act(actor=member)
    with pytest.raises(ValidationError) as refused:
        act(actor=member)
    assert refused.value.code == "rate_limited"
    assert "Please wait" in refused.value.messages[0] and "minute" in refused.value.messages[0]
    assert len(calls) == 2


def test_a_service_call_that_fails_does_not_count():
    @ratelimit.rate_limited("test", user_arg="actor")
    def act(*, actor):
        raise ValidationError("no", code="no")

    member = UserFactory()
    for _ in range(3):
        with pytest.raises(ValidationError) as error:
            act(actor=member)
        assert error.value.code == "no"


def test_a_view_over_its_limit_answers_429_with_retry_after():
    view = ratelimit.rate_limit_view("test")(lambda request: HttpResponseRedirect("/done/"))
    member = UserFactory()
    assert view(_request(member)).status_code == 302
    assert view(_request(member)).status_code == 302
    response = view(_request(member))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Please wait" in response.content.decode()


def test_a_view_counts_only_successful_posts():
    view = ratelimit.rate_limit_view("test")(lambda request: HttpResponse("form again"))
    member = UserFactory()
    for _ in range(5):
        assert view(_request(member)).status_code == 200


def test_reading_a_page_is_never_limited():
    view = ratelimit.rate_limit_view("test")(lambda request: HttpResponseRedirect("/done/"))
    member = UserFactory()
    ratelimit.spend("test", member.pk)
    ratelimit.spend("test", member.pk)
    assert view(_request(member, "GET")).status_code == 302


def test_a_broken_cache_lets_members_act_instead_of_failing():
    view = ratelimit.rate_limit_view("test")(lambda request: HttpResponseRedirect("/done/"))
    member = UserFactory()
    with (
        mock.patch.object(ratelimit.cache, "get", side_effect=ConnectionError("down")),
        mock.patch.object(ratelimit.cache, "add", side_effect=ConnectionError("down")),
    ):
        assert view(_request(member)).status_code == 302


def test_a_scope_without_a_limit_is_not_limited(settings):
    settings.RATE_LIMITS = {"test": (0, 600)}
    member = UserFactory()
    for _ in range(5):
        ratelimit.check_and_spend("test", member.pk)


def test_forty_five_simultaneous_posts_from_one_member_never_exceed_a_limit_of_thirty(settings):
    # Given a limit of 30 and a view that takes a moment, as saving a reply does
    settings.RATE_LIMITS = {"test": (30, 600)}
    start = threading.Barrier(45)

    def slow_view(request):
        time.sleep(0.05)
        return HttpResponseRedirect("/done/")

    view = ratelimit.rate_limit_view("test")(slow_view)
    member = UserFactory()

    def post():
        start.wait()
        try:
            return view(_request(member)).status_code
        finally:
            # As at the end of a request: the connection goes back to the pool for the others.
            connection.close()

    # When 45 replies arrive at once
    with ThreadPoolExecutor(max_workers=45) as pool:
        statuses = list(pool.map(lambda _: post(), range(45)))

    # Then exactly 30 go through and the rest are refused
    assert statuses.count(302) == 30
    assert statuses.count(429) == 15


def test_forty_five_simultaneous_service_calls_never_exceed_a_limit_of_thirty(settings):
    settings.RATE_LIMITS = {"test": (30, 600)}
    start = threading.Barrier(45)
    done = []

    @ratelimit.rate_limited("test", user_arg="actor")
    def act(*, actor):
        time.sleep(0.05)
        done.append(actor)

    member = UserFactory()

    def call():
        start.wait()
        try:
            act(actor=member)
        except ValidationError as error:
            return error.code
        return "ok"

    with ThreadPoolExecutor(max_workers=45) as pool:
        results = list(pool.map(lambda _: call(), range(45)))

    assert results.count("ok") == 30 == len(done)
    assert results.count("rate_limited") == 15


def test_a_refused_or_failed_attempt_gives_its_unit_back():
    view = ratelimit.rate_limit_view("test")(lambda request: HttpResponse("form again"))
    member = UserFactory()
    view(_request(member))
    assert ratelimit.retry_after("test", member.pk) == 0
    ratelimit.check_and_spend("test", member.pk)
    ratelimit.check_and_spend("test", member.pk)
    with pytest.raises(ValidationError):
        ratelimit.check_and_spend("test", member.pk)
    # the refusal itself did not push the counter past the limit
    assert ratelimit.cache.get(ratelimit._key("test", member.pk, ratelimit._window(600)[0])) == 2
