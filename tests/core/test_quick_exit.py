"""The quick exit's server side: only the page's own one-time token (with the CSRF token) ends
the session; every request, forged or not, still sends the person to the neutral site."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from core import quick_exit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EXIT = "/exit/"


def _logged_in_client(member, *, enforce_csrf=True) -> Client:
    client = Client(enforce_csrf_checks=enforce_csrf)
    client.force_login(member)
    return client


def _page_tokens(client) -> dict:
    """The exit token and CSRF token a member's page carries, as the browser would send them."""
    body = client.get(reverse("safety")).content.decode()
    form = re.search(r'<form class="quick-exit__form".*?</form>', body, re.S).group(0)
    return {
        "token": re.search(r'name="token" value="([^"]*)"', form).group(1),
        "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]*)"', form).group(1),
    }


def _still_logged_in(client) -> bool:
    return client.get(reverse("dashboard")).status_code == 200


def test_the_page_carries_a_form_that_posts_the_exit_token_to_the_exit_address(member):
    client = _logged_in_client(member)
    tokens = _page_tokens(client)
    assert tokens["token"] and tokens["token"] == client.session[quick_exit.SESSION_KEY]
    assert f'action="{EXIT}"' in client.get(reverse("safety")).content.decode()


def test_the_exit_token_stays_the_same_from_page_to_page(member):
    client = _logged_in_client(member)
    assert _page_tokens(client)["token"] == _page_tokens(client)["token"]


def test_a_visitor_who_is_not_logged_in_gets_no_exit_token(client):
    body = client.get(reverse("account_login")).content.decode()
    assert 'name="token" value=""' in body
    assert quick_exit.SESSION_KEY not in client.session


def test_the_exit_form_ends_the_session_and_sends_the_browser_to_the_neutral_site(member, settings):
    settings.QUICK_EXIT_URL = "https://neutral.example/weather"
    client = _logged_in_client(member)
    response = client.post(EXIT, _page_tokens(client))
    assert response.status_code == 302 and response["Location"] == "https://neutral.example/weather"
    assert not _still_logged_in(client)


def test_the_script_request_ends_the_session_and_needs_no_answer(member):
    client = _logged_in_client(member)
    response = client.post(EXIT, {**_page_tokens(client), "via": "script"})
    assert response.status_code == 204
    assert not _still_logged_in(client)


def test_a_request_without_the_exit_token_does_not_end_the_session_but_still_leaves(member, settings):
    client = _logged_in_client(member)
    tokens = _page_tokens(client)
    response = client.post(EXIT, {"csrfmiddlewaretoken": tokens["csrfmiddlewaretoken"]})
    assert response.status_code == 302 and response["Location"] == settings.QUICK_EXIT_URL
    assert _still_logged_in(client)


def test_a_request_without_the_csrf_token_does_not_end_the_session(member):
    client = _logged_in_client(member)
    response = client.post(EXIT, {"token": _page_tokens(client)["token"]})
    assert response.status_code == 302
    assert _still_logged_in(client)


def test_another_sessions_token_does_not_end_the_session(member, other_member):
    victim = _logged_in_client(member)
    attacker = _logged_in_client(other_member)
    victim_tokens, attacker_tokens = _page_tokens(victim), _page_tokens(attacker)
    victim.post(EXIT, {**victim_tokens, "token": attacker_tokens["token"]})
    assert _still_logged_in(victim)


def test_a_token_of_the_same_members_other_session_does_not_end_this_one(member):
    phone, laptop = _logged_in_client(member), _logged_in_client(member)
    phone.post(EXIT, {**_page_tokens(phone), "token": _page_tokens(laptop)["token"]})
    assert _still_logged_in(phone) and _still_logged_in(laptop)


def test_a_used_token_does_not_end_the_next_session(member):
    client = _logged_in_client(member)
    used = _page_tokens(client)
    client.post(EXIT, used)
    client.force_login(member)
    client.post(EXIT, {**_page_tokens(client), "token": used["token"]})
    assert _still_logged_in(client)


def test_a_get_request_cannot_end_the_session(member):
    client = _logged_in_client(member)
    token = _page_tokens(client)["token"]
    assert client.get(EXIT, {"token": token}).status_code == 405
    assert _still_logged_in(client)


def test_ending_the_session_keeps_the_members_other_sessions_and_data(member):
    phone, laptop = _logged_in_client(member), _logged_in_client(member)
    phone.post(EXIT, _page_tokens(phone))
    assert not _still_logged_in(phone) and _still_logged_in(laptop)
    member.refresh_from_db()
    assert member.is_active_member


def test_a_member_who_stays_signed_in_keeps_the_session_and_gets_a_new_token(member):
    member.stay_signed_in_after_exit = True
    member.save()
    client = _logged_in_client(member)
    used = _page_tokens(client)
    response = client.post(EXIT, {**used, "via": "script"})
    assert response.status_code == 204
    assert _still_logged_in(client)
    assert _page_tokens(client)["token"] != used["token"]


def test_an_applicant_can_use_the_exit_form_too(settings):
    applicant = UserFactory(role="applicant", status="pending")
    client = _logged_in_client(applicant)
    body = client.get(reverse("accounts:status")).content.decode()
    tokens = {
        "token": re.search(r'name="token" value="([^"]*)"', body).group(1),
        "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]*)"', body).group(1),
    }
    response = client.post(EXIT, tokens)
    assert response["Location"] == settings.QUICK_EXIT_URL
    assert "_auth_user_id" not in client.session


def test_a_visitor_who_is_not_logged_in_is_sent_to_the_neutral_site(client, settings):
    response = client.post(EXIT)
    assert response.status_code == 302 and response["Location"] == settings.QUICK_EXIT_URL
