"""People are addressed by member id: an impostor with a look-alike name cannot receive a
conversation meant for someone else, and a typed name that matches several members or none
is refused, never guessed."""

import pytest
from django.urls import reverse

from chat.models import Room, RoomMember
from tests.factories import UserFactory

from .factories import private_room

pytestmark = pytest.mark.django_db


def _participants(room) -> set[int]:
    return set(RoomMember.objects.filter(room=room, is_participant=True).values_list("user_id", flat=True))


def test_a_direct_conversation_started_by_id_reaches_that_member_only(member_client, member):
    original = UserFactory(display_name="Malika Yusupova")
    UserFactory(display_name="Malika Yusupova (Tashkent)")  # an impostor copying the name
    response = member_client.post(reverse("chat:direct_start"), {"members": [original.pk]})
    room = Room.objects.get(kind=Room.Kind.DIRECT)
    assert response.status_code == 302 and response["Location"] == room.get_absolute_url()
    assert _participants(room) == {member.pk, original.pk}


def test_an_impostor_cannot_take_the_original_name_so_the_typed_name_reaches_the_original(member_client, member):
    original = UserFactory(display_name="Malika")
    impostor = UserFactory(display_name="Malika K")
    # The impostor cannot rename themselves into a look-alike (Cyrillic а).
    response = _rename(impostor, "M\u0430lika")
    assert "looks too much like another member" in response
    member_client.post(reverse("chat:direct_start"), {"display_names": "M\u0430lika"})
    assert _participants(Room.objects.get(kind=Room.Kind.DIRECT)) == {member.pk, original.pk}


def test_a_typed_name_that_matches_several_members_is_refused(member_client):
    UserFactory(display_name="Nodira Azimova")
    UserFactory(display_name="Nodira Karimova")
    response = member_client.post(reverse("chat:direct_start"), {"display_names": "Nodira"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "could mean several members" in text and "Nodira Azimova" in text
    assert not Room.objects.filter(kind=Room.Kind.DIRECT).exists()


def test_an_unknown_typed_name_is_refused(member_client):
    response = member_client.post(reverse("chat:direct_start"), {"display_names": "Nobody Here"})
    assert response.status_code == 400
    assert "No member is called" in response.content.decode()
    assert not Room.objects.filter(kind=Room.Kind.DIRECT).exists()


def test_a_suspended_member_cannot_be_chosen_by_id(member_client):
    suspended = UserFactory(status="suspended")
    response = member_client.post(reverse("chat:direct_start"), {"members": [suspended.pk]})
    assert response.status_code == 400
    assert not Room.objects.filter(kind=Room.Kind.DIRECT).exists()


def test_a_broken_member_id_is_a_clear_error(member_client):
    response = member_client.post(reverse("chat:direct_start"), {"members": ["x1"]})
    assert response.status_code == 400
    assert "choose members from the list" in response.content.decode()


def test_the_room_owner_adds_a_member_by_id(client, member):
    room = private_room(owner=member)
    colleague = UserFactory(display_name="Zarina")
    client.force_login(member)
    client.post(reverse("chat:members", args=[room.slug]), {"members": [colleague.pk]})
    assert colleague.pk in _participants(room)


def test_the_room_owner_is_refused_an_ambiguous_typed_name(client, member):
    room = private_room(owner=member)
    UserFactory(display_name="Zarina Alieva")
    UserFactory(display_name="Zarina Bekova")
    client.force_login(member)
    response = client.post(reverse("chat:members", args=[room.slug]), {"display_name": "Zarina"})
    assert "could mean several members" in response.content.decode()
    assert _participants(room) == {member.pk}


def test_the_message_button_on_a_profile_starts_a_conversation_with_that_member(member_client, member):
    colleague = UserFactory(display_name="Gulnara")
    page = member_client.get(reverse("members:detail", args=[colleague.pk])).content.decode()
    assert f'name="members" value="{colleague.pk}"' in page and reverse("chat:direct_start") in page


def _rename(user, name) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.post("/accounts/profile/", {"display_name": name}).content.decode()
