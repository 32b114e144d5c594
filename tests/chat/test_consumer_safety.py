import pytest
from asgiref.sync import sync_to_async

from chat.models import Message
from tests.factories import UserFactory
from tests.helpers import LIVE_DB

from .factories import open_room
from .ws import connect_ready, receive_until

pytestmark = [LIVE_DB, pytest.mark.asyncio]

db = sync_to_async
BODY = "Her passport is N12345678"


async def test_a_message_with_personal_details_gets_a_personal_details_error_and_is_not_stored():
    alice = await db(UserFactory)()
    room = await db(open_room)()
    socket, _ = await connect_ready(alice, {room.pk: 0})
    await receive_until(socket, "synced")
    await socket.send_json_to({"type": "send", "room": room.pk, "client_id": "pd-1", "body": BODY})
    error = (await receive_until(socket, "error"))[-1]
    assert error["code"] == "personal_details" and error["client_id"] == "pd-1"
    assert error["kinds"] == ["id_number"]
    assert error["confirm_label"]  # translated text for the checkbox
    assert not await db(Message.objects.exists)()
    await socket.disconnect()


async def test_a_confirmed_resend_is_stored():
    alice = await db(UserFactory)()
    room = await db(open_room)()
    socket, _ = await connect_ready(alice, {room.pk: 0})
    await receive_until(socket, "synced")
    frame = {"type": "send", "room": room.pk, "client_id": "pd-2", "body": BODY, "confirmed": True}
    await socket.send_json_to(frame)
    ack = (await receive_until(socket, "ack"))[-1]
    assert ack["message"]["body"] == BODY
    await socket.disconnect()


async def test_only_a_literal_true_confirms():
    alice = await db(UserFactory)()
    room = await db(open_room)()
    socket, _ = await connect_ready(alice, {room.pk: 0})
    await receive_until(socket, "synced")
    await socket.send_json_to({"type": "send", "room": room.pk, "client_id": "pd-3", "body": BODY, "confirmed": "yes"})
    assert (await receive_until(socket, "error"))[-1]["code"] == "personal_details"
    await socket.disconnect()


async def test_a_content_warning_travels_with_the_message():
    alice = await db(UserFactory)()
    room = await db(open_room)()
    socket, _ = await connect_ready(alice, {room.pk: 0})
    await receive_until(socket, "synced")
    frame = {"type": "send", "room": room.pk, "client_id": "cw-1", "body": "Hard story", "content_warning": "abuse"}
    await socket.send_json_to(frame)
    ack = (await receive_until(socket, "ack"))[-1]
    assert ack["message"]["content_warning"] == "abuse"
    await socket.disconnect()


async def test_a_content_warning_that_is_not_text_is_refused():
    alice = await db(UserFactory)()
    room = await db(open_room)()
    socket, _ = await connect_ready(alice, {room.pk: 0})
    await receive_until(socket, "synced")
    frame = {"type": "send", "room": room.pk, "client_id": "cw-2", "body": "Hard story", "content_warning": ["x"]}
    await socket.send_json_to(frame)
    assert (await receive_until(socket, "error"))[-1]["code"] == "bad_frame"
    assert not await db(Message.objects.exists)()
    await socket.disconnect()
