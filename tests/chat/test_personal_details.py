import pytest
from django.urls import reverse

from chat.models import Message

from .factories import open_room

pytestmark = pytest.mark.django_db


def test_the_plain_form_questions_a_message_with_a_phone_number(member_client):
    room = open_room()
    response = member_client.post(reverse("chat:send", args=[room.slug]), {"body": "Call me: 0555 12 34 56"})
    assert response.status_code == 400
    assert "seems to contain a phone number" in response.content.decode()
    assert not Message.objects.exists()


def test_the_plain_form_sends_after_the_check_is_confirmed(member_client):
    room = open_room()
    response = member_client.post(
        reverse("chat:send", args=[room.slug]), {"body": "Call me: 0555 12 34 56", "personal_details_checked": "on"}
    )
    assert response.status_code == 302
    assert Message.objects.get().body == "Call me: 0555 12 34 56"


def test_the_plain_form_questions_a_message_naming_a_person_with_age_and_village(member_client):
    room = open_room()
    body = "Survivor Gulnara Karimova, 23, from village Nariman needs a lawyer"
    response = member_client.post(reverse("chat:send", args=[room.slug]), {"body": body})
    assert response.status_code == 400
    assert "a person named together with their age" in response.content.decode()
    assert not Message.objects.exists()
