import uuid
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
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
