import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from chat import selectors, services
from chat.models import Message

from .factories import open_room, send

pytestmark = pytest.mark.django_db


def test_a_message_keeps_its_content_warning(member):
    message = send(member, open_room(), "What she told us", content_warning="  describes   violence ")
    assert message.content_warning == "describes violence"


def test_a_too_long_content_warning_is_refused(member):
    with pytest.raises(ValidationError) as error:
        send(member, open_room(), "text", content_warning="x" * 121)
    assert error.value.code == "warning_too_long"
    assert not Message.objects.exists()


def test_the_payload_carries_the_warning_but_not_for_deleted_messages(member):
    message = send(member, open_room(), "What she told us", content_warning="violence")
    assert selectors.message_payload(message)["content_warning"] == "violence"
    services.message_delete(actor=member, message=message)
    message.refresh_from_db()
    assert selectors.message_payload(message)["content_warning"] == ""


def test_the_plain_form_sends_a_content_warning(member_client):
    room = open_room()
    response = member_client.post(
        reverse("chat:send", args=[room.slug]), {"body": "Details of the case", "content_warning": "abuse"}
    )
    assert response.status_code == 302
    assert Message.objects.get().content_warning == "abuse"


def test_the_room_shows_a_warned_message_collapsed(member_client, other_member):
    room = open_room()
    send(other_member, room, "Graphic details here", content_warning="graphic violence")
    page = member_client.get(room.get_absolute_url()).content.decode()
    start = page.index('<details class="content-warning chat-message__warning">')
    assert "graphic violence" in page[start : page.index("</summary>", start)]
    assert page.index("Graphic details here") > start
    assert "<details open" not in page[start - 20 : start + 60]


def test_a_message_without_a_warning_is_shown_open(member_client, other_member):
    room = open_room()
    send(other_member, room, "Good morning")
    page = member_client.get(room.get_absolute_url()).content.decode()
    assert "chat-message__warning" not in page
