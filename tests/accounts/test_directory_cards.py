"""Member cards are rendered once and shared by every viewer (core.fragments); the query still
decides who is listed, and the viewer's own parts (message button, CSRF token) are never kept."""

import pytest
from django.test import Client

from accounts import services
from accounts.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def directory_as(user) -> str:
    client = Client()
    client.force_login(user)
    return client.get("/members/").content.decode()


def message_button_for(member) -> str:
    return f'<input type="hidden" name="members" value="{member.pk}">'


def test_each_viewer_gets_a_message_button_for_others_and_none_for_themselves():
    first, second = UserFactory(display_name="Aigul"), UserFactory(display_name="Bakyt")
    # The first view fills the cache with both cards; the second viewer is served from it.
    page = directory_as(first)
    assert message_button_for(second) in page and message_button_for(first) not in page
    page = directory_as(second)
    assert message_button_for(first) in page and message_button_for(second) not in page


def test_the_shared_cards_carry_no_viewer_token():
    from accounts.views import _cards

    member = UserFactory()
    cards = _cards([member])
    assert "csrf" not in cards[0].head + cards[0].tail
    assert member.display_name in cards[0].head


def test_a_suspended_member_leaves_the_directory_though_their_card_was_kept(moderator):
    viewer, other = UserFactory(), UserFactory(display_name="Soon Suspended")
    assert "Soon Suspended" in directory_as(viewer)
    services.member_suspend(actor=moderator, member=other, reason="abuse")
    assert "Soon Suspended" not in directory_as(viewer)


def test_a_new_name_or_a_hidden_country_shows_at_once():
    viewer = UserFactory(show_country=False)
    other = UserFactory(display_name="Old Name", organisation="Shelter Nur")
    page = directory_as(viewer)
    cards = page.split('class="member-grid"')[1]
    assert "Old Name" in cards and "Shelter Nur" in cards and "Kazakhstan" in cards
    services.member_update_profile(member=other, display_name="New Name")
    page = directory_as(viewer)
    assert "New Name" in page and "Old Name" not in page
    services.member_privacy_choose(member=other, show_organisation=True, show_country=False, show_presence=False)
    cards = directory_as(viewer).split('class="member-grid"')[1]
    assert "Shelter Nur" in cards and "Kazakhstan" not in cards
    services.member_privacy_choose(member=other, show_organisation=False, show_country=False, show_presence=False)
    assert "Shelter Nur" not in directory_as(viewer).split('class="member-grid"')[1]


def test_a_role_change_shows_its_badge_at_once(moderator):
    viewer, other = UserFactory(), UserFactory(display_name="Future Expert")
    assert '<span class="badge">Expert</span>' not in directory_as(viewer)
    services.member_change_role(actor=moderator, member=other, role=Role.EXPERT)
    assert '<span class="badge">Expert</span>' in directory_as(viewer)


def test_cards_follow_the_interface_language():
    viewer, other = UserFactory(), UserFactory(role=Role.EXPERT)
    english = directory_as(viewer)
    client = Client()
    client.force_login(viewer)
    client.cookies["django_language"] = "ru"
    russian = client.get("/members/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert '<span class="badge">Expert</span>' in english
    assert '<span class="badge">Expert</span>' not in russian
    assert other.display_name in russian


def test_the_filter_keeps_the_choice_and_offers_a_renamed_or_new_term_at_once():
    from taxonomy.models import Country

    viewer = UserFactory()
    kyrgyzstan = Country.objects.get(slug="kg")
    client = Client()
    client.force_login(viewer)
    page = client.get("/members/", {"country": kyrgyzstan.pk}).content.decode()
    assert f'<option value="{kyrgyzstan.pk}" selected>Kyrgyzstan</option>' in page
    kyrgyzstan.name_en = "Kyrgyz Republic"
    kyrgyzstan.save()
    page = client.get("/members/").content.decode()
    assert f'<option value="{kyrgyzstan.pk}">Kyrgyz Republic</option>' in page


def test_a_hostile_filter_value_gets_a_message_not_an_error():
    client = Client()
    client.force_login(UserFactory())
    for value in ("999999", "<script>", "1 OR 1=1", "-1"):
        response = client.get("/members/", {"country": value, "q": "x" * 500})
        assert response.status_code == 200
        assert "<script>" not in response.content.decode().split("<main")[1]
        assert 'role="alert"' in response.content.decode()
