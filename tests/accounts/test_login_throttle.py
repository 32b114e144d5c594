import re

import pytest
from django.test import Client

from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

ATTACKER, OWNER = "198.51.100.66", "203.0.113.10"


def _hammer(member, times=8):
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for _ in range(times):
        response = attacker.post("/accounts/login/", {"login": member.email, "password": "guess"})
    return response


def test_failed_attempts_from_one_address_do_not_lock_the_owner_out_elsewhere(member):
    refused = _hammer(member)
    assert "Too many failed login attempts" in refused.text

    owner = Client(REMOTE_ADDR=OWNER)
    owner.post("/accounts/login/", {"login": member.email, "password": TEST_PASSWORD})
    assert owner.session.get("_auth_user_id") == str(member.pk)


def test_the_throttled_login_page_offers_a_login_code(member):
    refused = _hammer(member)
    assert "log in with a code sent to" in refused.text
    assert 'href="/accounts/login/code/"' in refused.text


def test_the_owner_gets_in_with_an_emailed_code_even_from_the_hammered_address(member, mailoutbox):
    _hammer(member)
    owner = Client(REMOTE_ADDR=ATTACKER)
    owner.post("/accounts/login/code/", {"email": member.email})
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mailoutbox[-1].body, re.MULTILINE).group(1)
    response = owner.post("/accounts/login/code/confirm/", {"code": code})
    assert response.status_code == 302
    assert owner.session.get("_auth_user_id") == str(member.pk)


def test_the_login_code_pages_render(client, member):
    assert client.get("/accounts/login/code/").status_code == 200
    client.post("/accounts/login/code/", {"email": member.email})
    assert client.get("/accounts/login/code/confirm/").status_code == 200
