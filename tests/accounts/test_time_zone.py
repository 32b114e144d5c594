"""A member's time zone: the profile setting, the browser's one-time guess and the
middleware that shows every date in it."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import services, time_zones
from accounts.models import Status, User
from chat.models import Message
from tests.chat.factories import open_room, send
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GUESS = reverse("accounts:time_zone_guess")
HOSTILE = [
    "../../etc/passwd",
    "Asia/Kabul\x00",
    "<script>",
    "Mars/Olympus_Mons",
    "A" * 500,
    "posix/../Asia/Kabul",
    # In the database, but no place: the server's own clock, a placeholder.
    "localtime",
    "Factory",
]


def _profile_data(user, **changes):
    data = {
        "display_name": user.display_name,
        "ui_language": "",
        "time_zone": "Asia/Almaty",
        "discreet_mode": "on",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("value", HOSTILE)
def test_the_service_refuses_a_name_that_is_not_a_time_zone(member, value):
    with pytest.raises(ValidationError) as error:
        services.member_update_profile(member=member, time_zone=value)
    assert error.value.code == "invalid_time_zone"
    member.refresh_from_db()
    assert member.time_zone == ""


@pytest.mark.parametrize("value", HOSTILE)
def test_the_profile_refuses_a_hostile_time_zone_with_a_translated_message(client, value):
    member = UserFactory(ui_language="ru")
    client.force_login(member)
    response = client.post(reverse("accounts:profile"), _profile_data(member, time_zone=value))
    assert response.status_code == 200  # the form again, never a 500
    assert "time_zone" in response.context["form"].errors
    assert "Выберите корректный вариант" in response.content.decode()  # Django's own Russian message
    member.refresh_from_db()
    assert member.time_zone == ""


def test_the_profile_lists_the_region_first_and_saves_a_choice(member_client, member):
    page = member_client.get(reverse("accounts:profile")).content.decode()
    region = [page.index(f'value="{name}"') for name in time_zones.REGION_ZONES]
    assert region == sorted(region) and region[-1] < page.index('value="Europe/Berlin"')
    # Never chosen: the hub's zone shows as selected.
    assert 'value="Asia/Almaty" selected' in page
    response = member_client.post(reverse("accounts:profile"), _profile_data(member, time_zone="Asia/Kabul"))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.time_zone == "Asia/Kabul"


def test_saving_the_profile_without_touching_the_zone_keeps_it_unchosen(member_client, member):
    member_client.post(reverse("accounts:profile"), _profile_data(member, organisation="Crisis centre"))
    member.refresh_from_db()
    assert member.organisation == "Crisis centre" and member.time_zone == ""


def test_the_guess_is_stored_for_a_member_who_never_chose(member_client, member):
    response = member_client.post(GUESS, {"time_zone": "Asia/Tashkent"})
    assert response.status_code == 200 and response.json() == {"stored": True}
    member.refresh_from_db()
    assert member.time_zone == "Asia/Tashkent"


def test_the_guess_never_overwrites_a_choice(member_client, member):
    User.objects.filter(pk=member.pk).update(time_zone="Asia/Bishkek")
    response = member_client.post(GUESS, {"time_zone": "Europe/London"})
    assert response.json() == {"stored": False}
    member.refresh_from_db()
    assert member.time_zone == "Asia/Bishkek"


@pytest.mark.parametrize("value", HOSTILE + [""])
def test_a_hostile_guess_is_refused_with_a_message(client, value):
    member = UserFactory(ui_language="ru")
    client.force_login(member)
    response = client.post(GUESS, {"time_zone": value})
    assert response.status_code == 400
    assert response.json()["error"]  # the service's translated message (accounts.time_zones.clean)
    member.refresh_from_db()
    assert member.time_zone == ""


def test_anonymous_visitors_cannot_guess(client):
    response = client.post(GUESS, {"time_zone": "Asia/Kabul"})
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("status", [Status.SUSPENDED, Status.PENDING, Status.REJECTED])
def test_members_who_are_not_active_cannot_guess(client, status):
    person = UserFactory(status=status)
    client.force_login(person)
    response = client.post(GUESS, {"time_zone": "Asia/Kabul"})
    assert response.status_code in (302, 403)
    person.refresh_from_db()
    assert person.time_zone == ""
    with pytest.raises(PermissionDenied):  # the service refuses too, whatever the page does
        services.member_guess_time_zone(member=person, name="Asia/Kabul")


def test_the_guess_needs_the_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.post(GUESS, {"time_zone": "Asia/Kabul"}).status_code == 403
    member.refresh_from_db()
    assert member.time_zone == ""


def test_the_guess_only_accepts_post(member_client):
    assert member_client.get(GUESS).status_code == 405


def test_the_guess_script_loads_until_a_zone_is_known(member_client, member):
    assert "time-zone-guess.js" in member_client.get("/").content.decode()
    member_client.post(GUESS, {"time_zone": "Asia/Kabul"})
    assert "time-zone-guess.js" not in member_client.get("/").content.decode()


def test_a_refused_guess_is_not_tried_again_in_the_same_session(member_client):
    member_client.post(GUESS, {"time_zone": "Nowhere/Nothing"})
    assert "time-zone-guess.js" not in member_client.get("/").content.decode()


def _message_at(moment):
    room = open_room()
    message = send(UserFactory(display_name="Aigul"), room, "Shelter opens at nine")
    Message.objects.filter(pk=message.pk).update(created_at=moment)
    return room


def test_pages_show_times_in_the_members_zone(client):
    # 04:16 UTC is 09:16 in Almaty (UTC+5) and 08:46 in Kabul (UTC+4:30).
    room = _message_at(datetime(2026, 12, 7, 4, 16, tzinfo=UTC))
    almaty, kabul = UserFactory(), UserFactory(time_zone="Asia/Kabul")
    client.force_login(almaty)
    page = client.get(room.get_absolute_url()).content.decode()
    assert "7 Dec, 09:16" in page and "08:46" not in page
    client.force_login(kabul)
    page = client.get(room.get_absolute_url()).content.decode()
    assert "7 Dec, 08:46" in page and "09:16" not in page
    assert 'datetime="2026-12-07T08:46:00+0430"' in page


def test_the_zone_does_not_leak_into_the_next_request(client):
    room = _message_at(datetime(2026, 12, 7, 4, 16, tzinfo=UTC))
    client.force_login(UserFactory(time_zone="Asia/Kabul"))
    client.get(room.get_absolute_url())
    client.logout()
    client.force_login(UserFactory())
    assert "09:16" in client.get(room.get_absolute_url()).content.decode()


def test_the_room_page_costs_no_more_queries_in_another_zone(client):
    room = _message_at(datetime(2026, 12, 7, 4, 16, tzinfo=UTC))
    counts = []
    for person in (UserFactory(), UserFactory(time_zone="Asia/Kabul")):
        client.force_login(person)
        client.get(room.get_absolute_url())
        with CaptureQueriesContext(connection) as context:
            client.get(room.get_absolute_url())
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1]
