import pytest
from django.test import Client

from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_repeated_failed_logins_lock_the_account_for_a_while(member):
    client = Client()
    for _ in range(5):
        client.post("/accounts/login/", {"login": member.email, "password": "wrong password"})
    # Even the right password is refused now, with a message that says why.
    response = client.post("/accounts/login/", {"login": member.email, "password": TEST_PASSWORD})
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_member_sees_their_active_sessions_and_can_log_out_everywhere(member):
    phone, laptop = Client(), Client()
    for device in (phone, laptop):
        device.post("/accounts/login/", {"login": member.email, "password": TEST_PASSWORD})
    page = laptop.get("/accounts/sessions/")
    assert page.status_code == 200
    assert page.content.decode().count("<tr") >= 3  # header + two sessions
    laptop.post("/accounts/sessions/", {"action": "end"})
    assert phone.get("/").status_code == 302


def test_two_factor_setup_is_available_to_every_member(member_client):
    assert member_client.get("/accounts/2fa/").status_code == 200


def test_a_login_from_a_new_browser_is_emailed_neutrally(member, mailoutbox, django_capture_on_commit_callbacks):
    def log_in(agent):
        with django_capture_on_commit_callbacks(execute=True):
            Client(HTTP_USER_AGENT=agent).post("/accounts/login/", {"login": member.email, "password": TEST_PASSWORD})

    log_in("Firefox on a laptop")
    assert mailoutbox == []  # the very first browser is not news
    log_in("Firefox on a laptop")
    assert mailoutbox == []
    log_in("Chrome on an unknown phone")
    assert len(mailoutbox) == 1
    assert "new" not in mailoutbox[0].subject.lower() and "/accounts/sessions/" in mailoutbox[0].body
