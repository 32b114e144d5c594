"""With `Referrer-Policy: no-referrer` browsers send `Origin: null` on same-site POSTs."""

import pytest
from django.test import Client

from tests.forum import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def csrf_client(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    return client


def _token(client, thread):
    client.get(thread.get_absolute_url())
    return client.cookies["csrftoken"].value


def test_a_same_origin_post_with_a_null_origin_is_accepted(csrf_client, member):
    thread = factories.thread(member)
    token = _token(csrf_client, thread)
    response = csrf_client.post(
        f"/forum/threads/{thread.pk}/reply/",
        {"body": "Thanks", "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="null",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 302


def test_a_null_origin_from_another_site_is_refused(csrf_client, member):
    thread = factories.thread(member)
    token = _token(csrf_client, thread)
    response = csrf_client.post(
        f"/forum/threads/{thread.pk}/reply/",
        {"body": "Thanks", "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="null",
        HTTP_SEC_FETCH_SITE="cross-site",
    )
    assert response.status_code == 403


def test_a_null_origin_still_needs_the_token(csrf_client, member):
    thread = factories.thread(member)
    _token(csrf_client, thread)
    response = csrf_client.post(
        f"/forum/threads/{thread.pk}/reply/", {"body": "Thanks"}, HTTP_ORIGIN="null", HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert response.status_code == 403


def test_a_null_origin_from_another_site_is_not_rewritten(rf):
    from core.csrf import NullOriginMiddleware

    request = rf.post("/", HTTP_ORIGIN="null", HTTP_SEC_FETCH_SITE="same-site")
    NullOriginMiddleware(lambda r: r)(request)
    assert request.META["HTTP_ORIGIN"] == "null"
