"""Limits come before work: replayed client ids stay in their room, and length limits are
checked before any scan of member text."""

import pytest
from asgiref.sync import sync_to_async
from django.core.exceptions import ValidationError

from chat import consumers, services
from chat.models import Message
from tests.factories import UserFactory
from tests.helpers import LIVE_DB

from .factories import open_room, private_room, send
from .ws import connect_ready, receive_until

db = sync_to_async


@pytest.mark.django_db
def test_a_client_id_replayed_in_another_room_is_an_error_and_never_that_rooms_message():
    alice = UserFactory()
    secret = private_room(members=[alice])
    send(alice, secret, body="Only for the shelter coordinators", client_id="c-1")

    with pytest.raises(ValidationError) as error:
        services.message_send(sender=alice, room=open_room(), body="Hello everyone", client_id="c-1")

    assert error.value.code == "bad_client_id"
    assert Message.objects.filter(room=open_room()).count() == 0


@pytest.mark.django_db
def test_a_client_id_replayed_in_its_own_room_returns_the_stored_message():
    alice = UserFactory()
    first = send(alice, open_room(), body="Hello", client_id="c-2")

    again, created = services.message_send(sender=alice, room=open_room(), body="Hello", client_id="c-2")

    assert (again.pk, created) == (first.pk, False)


@pytest.mark.django_db
def test_another_members_client_id_is_theirs_alone():
    alice, bob = UserFactory(), UserFactory()
    send(alice, open_room(), body="Alice's words", client_id="same")

    message, created = services.message_send(sender=bob, room=open_room(), body="Bob's words", client_id="same")

    assert created and message.body == "Bob's words"


@LIVE_DB
@pytest.mark.asyncio
async def test_over_the_socket_a_replayed_client_id_from_another_room_gets_an_error():
    alice = await db(UserFactory)()
    secret = await db(private_room)(members=[alice])
    await db(send)(alice, secret, body="Only for the shelter coordinators", client_id="c-3")
    room = await db(open_room)()
    socket, _ = await connect_ready(alice, {room.pk: 0})
    await receive_until(socket, "synced")

    await socket.send_json_to({"type": "send", "room": room.pk, "client_id": "c-3", "body": "Hi"})

    frames = await receive_until(socket, "error")
    assert frames[-1]["code"] == "bad_client_id" and frames[-1]["client_id"] == "c-3"
    assert "Only for the shelter coordinators" not in str(frames)
    await socket.disconnect()


def _scanner_must_not_run(*args, **kwargs):
    raise AssertionError("member text was scanned before its length was checked")


@LIVE_DB
@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("body", "1-" * 2001, "too_long"),
        ("content_warning", "1-" * 61, "warning_too_long"),
        ("client_id", "x" * 65, "bad_client_id"),
    ],
)
async def test_an_oversize_field_is_refused_before_the_text_is_scanned(monkeypatch, field, value, code):
    monkeypatch.setattr(consumers, "find_personal_details", _scanner_must_not_run)
    alice = await db(UserFactory)()
    room = await db(open_room)()
    socket, _ = await connect_ready(alice, {room.pk: 0})
    await receive_until(socket, "synced")
    frame = {"type": "send", "room": room.pk, "client_id": "c-4", "body": "Short", field: value}

    await socket.send_json_to(frame)

    assert (await receive_until(socket, "error"))[-1]["code"] == code
    assert not await db(Message.objects.exists)()
    await socket.disconnect()


@LIVE_DB
@pytest.mark.asyncio
async def test_an_oversize_edit_is_refused_before_the_text_is_scanned(monkeypatch):
    alice = await db(UserFactory)()
    room = await db(open_room)()
    message = await db(send)(alice, room, body="Hello")
    monkeypatch.setattr(consumers, "_act_on_message", _scanner_must_not_run)  # the service scans mentions
    socket, _ = await connect_ready(alice)

    await socket.send_json_to({"type": "edit", "message": message.pk, "body": "1-" * 2001})

    error = await socket.receive_json_from(timeout=5)
    assert error["code"] == "too_long" and error["message_id"] == message.pk
    await socket.disconnect()
