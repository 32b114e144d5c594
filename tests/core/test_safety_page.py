"""The safety page says plainly what the quick exit does, what the browser still keeps and
what works without JavaScript, and points members to the settings it describes."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_safety_page_explains_the_exit_the_traces_and_the_fallback(client):
    body = client.get(reverse("safety")).content.decode()
    for words in (
        "Shift key three times on its own",
        "You are logged out of the hub",
        "Stay signed in after a quick exit",
        "Discreet mode",
        "does not erase your browser history",
        "Downloads",
        "home-screen icon",
        "Without JavaScript",
    ):
        assert words in body, words


def test_the_safety_page_links_a_member_to_the_settings_it_describes(member_client):
    body = member_client.get(reverse("safety")).content.decode()
    assert body.count(f'href="{reverse("accounts:profile")}"') >= 2


def test_the_safety_page_shows_visitors_no_link_to_member_settings(client):
    body = client.get(reverse("safety")).content.decode()
    assert "Change this in Profile and privacy" not in body


def test_the_profile_page_offers_to_stay_signed_in_after_an_exit_with_its_trade_off(member_client):
    body = member_client.get(reverse("accounts:profile")).content.decode()
    assert 'name="stay_signed_in_after_exit"' in body
    assert "anyone who presses Back on this device" in body


def test_a_member_can_choose_to_stay_signed_in_after_an_exit(member_client, member):
    form = member_client.get(reverse("accounts:profile")).context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, False)}
    data["languages"] = [language.pk for language in data.get("languages", [])]
    data["expertise"] = [theme.pk for theme in data.get("expertise", [])]
    data["country"] = member.country_id
    data["stay_signed_in_after_exit"] = "on"
    response = member_client.post(reverse("accounts:profile"), data)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.stay_signed_in_after_exit
