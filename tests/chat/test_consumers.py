import time

import pytest
from asgiref.sync import sync_to_async
from django.contrib.sessions.models import Session

from accounts.models import Role, Status
from accounts.services import member_end_sessions, member_suspend
from chat import consumers, rendering, services
from chat.consumers import CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED, MAX_FRAME_BYTES
from chat.models import Message
from tests.factories import UserFactory
from tests.helpers import LIVE_DB

from .factories import open_room, private_room, send
from .ws import connect_ready, open_socket, receive_until

pytestmark = [LIVE_DB, pytest.mark.asyncio]

db = sync_to_async


async def test_anonymous_visitors_are_refused():
    socket = await open_socket(None)
    connected, code = await socket.connect()
    assert not connected
    assert code == CLOSE_UNAUTHENTICATED
    await socket.disconnect()


@pytest.mark.parametrize("status", [Status.SUSPENDED, Status.REJECTED])
async def test_suspended_and_rejected_accounts_are_refused(status):
    user = await db(UserFactory)(status=status)
    socket = await open_socket(user)
    connected, code = await socket.connect()
    assert not connected and code == CLOSE_FORBIDDEN
    await socket.disconnect()


async def test_pending_applicants_are_refused():
    user = await db(UserFactory)(role=Role.APPLICANT, status=Status.PENDING)
    socket = await open_socket(user)
    connected, _code = await socket.connect()
    assert not connected
    await socket.disconnect()


async def test_a_foreign_origin_is_refused():
    user = await db(UserFactory)()
    socket = await open_socket(user, origin=b"https://evil.example.com")
    connected, _code = await socket.connect()
    assert not connected
    await socket.disconnect()


async def test_a_sent_message_is_acknowledged_and_reaches_the_other_member():
    alice, bob = await db(UserFactory)(), await db(UserFactory)()
    room = await db(open_room)()
    a, _ = await connect_ready(alice, {room.pk: 0})
    b, _ = await connect_ready(bob, {room.pk: 0})
    await receive_until(a, "synced")
    await receive_until(b, "synced")
    await a.send_json_to({"type": "send", "room": room.pk, "client_id": "c1", "body": "Salam from *Dushanbe*"})
    frames = await receive_until(a, "ack")
    assert frames[-1]["message"]["seq"] == 1 and not frames[-1]["duplicate"]
    received = await receive_until(b, "message")
    assert received[-1]["message"]["html"] == "<p>Salam from <em>Dushanbe</em></p>\n"
    assert received[-1]["message"]["sender"] == alice.display_name
    await a.disconnect()
    await b.disconnect()


async def test_a_retried_send_is_stored_once_and_acknowledged_again():
    alice = await db(UserFactory)()
    room = await db(open_room)()
    socket, _ = await connect_ready(alice, {room.pk: 0})
    await receive_until(socket, "synced")
    frame = {"type": "send", "room": room.pk, "client_id": "retry-1", "body": "Once"}
    await socket.send_json_to(frame)
    first = (await receive_until(socket, "ack"))[-1]
    await socket.send_json_to(frame)
    second = (await receive_until(socket, "ack"))[-1]
    assert second["duplicate"] and second["message"]["id"] == first["message"]["id"]
    assert await db(Message.objects.count)() == 1
    await socket.disconnect()


async def test_reconnecting_with_a_last_id_delivers_exactly_the_missed_messages_in_order():
    alice, bob = await db(UserFactory)(), await db(UserFactory)()
    room = await db(open_room)()
    for index in range(3):
        await db(send)(bob, room, f"seen {index}")
    # Alice was away after seq 3; 150 messages came meanwhile (more than one batch).
    for index in range(150):
        await db(send)(bob, room, f"missed {index}")
    socket, _ = await connect_ready(alice, {room.pk: 3})
    frames = await receive_until(socket, "synced", timeout=10)
    messages = [f["message"] for f in frames if f["type"] == "message"]
    assert [m["seq"] for m in messages] == list(range(4, 154))
    assert messages[0]["body"] == "missed 0"
    assert frames[-1] == {"type": "synced", "room": room.pk, "last_seq": 153}
    assert await socket.receive_nothing(timeout=0.2)
    await socket.disconnect()


async def test_a_member_cannot_send_to_a_room_they_are_not_in():
    alice = await db(UserFactory)()
    secret = await db(private_room)()
    socket, _ = await connect_ready(alice)
    await socket.send_json_to({"type": "send", "room": secret.pk, "client_id": "x", "body": "let me in"})
    frame = await socket.receive_json_from(timeout=5)
    assert frame["type"] == "error" and frame["code"] == "forbidden_room" and frame["client_id"] == "x"
    assert not await db(Message.objects.exists)()
    await socket.disconnect()


async def test_catching_up_on_a_room_the_member_is_not_in_is_refused():
    alice = await db(UserFactory)()
    secret = await db(private_room)()
    await db(send)(secret.owner, secret, "confidential")
    socket, _ = await connect_ready(alice, {secret.pk: 0})
    frame = await socket.receive_json_from(timeout=5)
    assert frame["code"] == "forbidden_room"
    assert await socket.receive_nothing(timeout=0.2)
    await socket.disconnect()


async def test_messages_of_rooms_the_member_is_not_in_never_reach_them():
    alice = await db(UserFactory)()
    secret = await db(private_room)()
    socket, _ = await connect_ready(alice)
    await db(send)(secret.owner, secret, "confidential")
    assert await socket.receive_nothing(timeout=0.3)
    await socket.disconnect()


async def test_sending_over_the_rate_limit_gets_an_error_and_is_not_stored(settings):
    settings.CHAT_RATE_BURST = 2
    settings.CHAT_RATE_PER_SECOND = 0.001
    alice = await db(UserFactory)()
    room = await db(open_room)()
    socket, _ = await connect_ready(alice, {room.pk: 0})
    await receive_until(socket, "synced")
    for index in range(3):
        await socket.send_json_to({"type": "send", "room": room.pk, "client_id": f"r{index}", "body": "flood"})
    frames = await receive_until(socket, "error")
    assert frames[-1]["code"] == "rate_limited" and frames[-1]["client_id"] == "r2"
    assert await db(Message.objects.count)() == 2
    await socket.disconnect()


async def test_a_too_long_message_gets_an_error():
    alice = await db(UserFactory)()
    room = await db(open_room)()
    socket, _ = await connect_ready(alice)
    await socket.send_json_to({"type": "send", "room": room.pk, "client_id": "l", "body": "x" * 4001})
    frame = await socket.receive_json_from(timeout=5)
    assert frame["code"] == "too_long"
    await socket.disconnect()


@pytest.mark.parametrize(
    "raw,code",
    [
        ("{not json", "bad_json"),
        ("[1, 2]", "bad_frame"),
        ('{"type": "launch"}', "unknown_type"),
        # A room that does not exist (not pk 1: the seed rooms keep their ids between tests).
        ('{"type": "send", "room": "999999", "body": 5}', "forbidden_room"),
        ('{"type": "hello", "rooms": []}', "bad_frame"),
        ('{"type": "edit", "message": "abc", "body": "x"}', "bad_frame"),
        ("x" * (MAX_FRAME_BYTES + 1), "frame_too_large"),
    ],
)
async def test_malformed_frames_get_an_error_and_the_connection_stays_open(raw, code):
    alice = await db(UserFactory)()
    socket, _ = await connect_ready(alice)
    await socket.send_to(text_data=raw)
    frame = await socket.receive_json_from(timeout=5)
    assert frame["type"] == "error" and frame["code"] == code
    await socket.send_json_to({"type": "ping"})
    assert (await socket.receive_json_from(timeout=5))["type"] == "pong"
    await socket.disconnect()


async def test_binary_frames_get_an_error():
    alice = await db(UserFactory)()
    socket, _ = await connect_ready(alice)
    await socket.send_to(bytes_data=b"\x00\x01")
    assert (await socket.receive_json_from(timeout=5))["code"] == "bad_frame"
    await socket.disconnect()


async def test_editing_and_deleting_reach_everyone_in_the_room():
    alice, bob = await db(UserFactory)(), await db(UserFactory)()
    room = await db(open_room)()
    message = await db(send)(alice, room, "draft")
    a, _ = await connect_ready(alice)
    b, _ = await connect_ready(bob)
    await a.send_json_to({"type": "edit", "message": message.pk, "body": "final"})
    update = await b.receive_json_from(timeout=5)
    assert update["type"] == "update" and update["message"]["body"] == "final" and update["message"]["edited"]
    await a.send_json_to({"type": "delete", "message": message.pk})
    deleted = [f for f in await receive_until(b, "update") if f["type"] == "update"][-1]
    assert deleted["message"]["deleted"] and deleted["message"]["body"] == ""
    await a.disconnect()
    await b.disconnect()


async def test_editing_someone_elses_message_is_refused():
    alice, bob = await db(UserFactory)(), await db(UserFactory)()
    message = await db(send)(bob, await db(open_room)(), "mine")
    socket, _ = await connect_ready(alice)
    await socket.send_json_to({"type": "edit", "message": message.pk, "body": "hijacked"})
    assert (await socket.receive_json_from(timeout=5))["code"] == "forbidden"
    await socket.send_json_to({"type": "delete", "message": message.pk})
    assert (await socket.receive_json_from(timeout=5))["code"] == "forbidden"
    await socket.disconnect()


async def test_a_message_in_a_room_the_member_cannot_see_is_not_found():
    alice = await db(UserFactory)()
    secret = await db(private_room)()
    message = await db(send)(secret.owner, secret, "confidential")
    socket, _ = await connect_ready(alice)
    await socket.send_json_to({"type": "react", "message": message.pk, "emoji": "👍"})
    assert (await socket.receive_json_from(timeout=5))["code"] == "not_found"
    await socket.disconnect()


async def test_reactions_are_broadcast():
    alice = await db(UserFactory)()
    message = await db(send)(alice, await db(open_room)(), "news")
    socket, _ = await connect_ready(alice)
    await socket.send_json_to({"type": "react", "message": message.pk, "emoji": "🙏"})
    update = await socket.receive_json_from(timeout=5)
    assert update["message"]["reactions"] == [{"emoji": "🙏", "count": 1, "users": [alice.pk]}]
    await socket.disconnect()


async def test_typing_reaches_others_but_not_oneself():
    alice, bob = await db(UserFactory)(), await db(UserFactory)()
    room = await db(open_room)()
    a, _ = await connect_ready(alice)
    b, _ = await connect_ready(bob)
    await a.send_json_to({"type": "typing", "room": room.pk})
    assert await b.receive_json_from(timeout=5) == {
        "type": "typing",
        "room": room.pk,
        "user": alice.pk,
        "name": alice.display_name,
    }
    assert await a.receive_nothing(timeout=0.2)
    await a.disconnect()
    await b.disconnect()


async def test_presence_lists_who_has_the_room_open():
    alice, bob = await db(UserFactory)(), await db(UserFactory)()
    room = await db(open_room)()
    a, _ = await connect_ready(alice)
    b, _ = await connect_ready(bob)
    await b.send_json_to({"type": "hello", "rooms": {}, "present": [room.pk]})
    frame = await a.receive_json_from(timeout=5)
    assert frame == {"type": "presence", "room": room.pk, "online": [{"id": bob.pk, "name": bob.display_name}]}
    await b.disconnect()
    assert (await a.receive_json_from(timeout=5))["online"] == []
    await a.disconnect()


async def test_a_member_who_hides_their_presence_never_appears_online_nor_typing():
    alice, hidden = await db(UserFactory)(), await db(UserFactory)(show_presence=False)
    room = await db(open_room)()
    a, _ = await connect_ready(alice)
    h, _ = await connect_ready(hidden)
    await h.send_json_to({"type": "hello", "rooms": {}, "present": [room.pk]})
    await h.send_json_to({"type": "typing", "room": room.pk})
    assert await a.receive_nothing(timeout=0.3)
    # They still read the room: a colleague opening it shows up for them.
    await a.send_json_to({"type": "hello", "rooms": {}, "present": [room.pk]})
    frame = await h.receive_json_from(timeout=5)
    assert frame == {"type": "presence", "room": room.pk, "online": [{"id": alice.pk, "name": alice.display_name}]}
    await a.disconnect()
    await h.disconnect()


async def test_an_idle_session_cannot_open_the_chat(settings):
    settings.SESSION_IDLE_TIMEOUT = 60
    alice = await db(UserFactory)()
    socket = await open_socket(alice, last_activity=int(time.time()) - 120)
    connected, code = await socket.connect()
    assert not connected and code == CLOSE_UNAUTHENTICATED
    await socket.disconnect()


async def test_an_open_chat_is_logged_out_when_the_member_is_idle(settings, monkeypatch):
    settings.SESSION_IDLE_TIMEOUT = 60
    alice = await db(UserFactory)()
    socket, _ = await connect_ready(alice)
    await socket.send_json_to({"type": "ping"})
    assert (await socket.receive_json_from(timeout=5))["type"] == "pong"
    later = time.time() + 120
    monkeypatch.setattr(consumers.time, "time", lambda: later)
    await socket.send_json_to({"type": "ping"})
    output = await socket.receive_output(timeout=5)
    assert output == {"type": "websocket.close", "code": CLOSE_UNAUTHENTICATED}
    # The session is gone, so pages ask for the login too.
    assert not await db(Session.objects.filter(session_key=socket.session_key).exists)()
    await socket.disconnect()


async def test_chatting_counts_as_activity(settings, monkeypatch):
    settings.SESSION_IDLE_TIMEOUT = 60
    alice = await db(UserFactory)()
    room = await db(open_room)()
    socket, _ = await connect_ready(alice, {room.pk: 0})
    await receive_until(socket, "synced")
    later = time.time() + 50
    monkeypatch.setattr(consumers.time, "time", lambda: later)
    await socket.send_json_to({"type": "typing", "room": room.pk})
    even_later = later + 50
    monkeypatch.setattr(consumers.time, "time", lambda: even_later)
    await socket.send_json_to({"type": "ping"})
    assert (await socket.receive_json_from(timeout=5))["type"] == "pong"
    await socket.disconnect()


async def test_a_suspended_members_connection_is_closed_at_once():
    alice = await db(UserFactory)()
    moderator = await db(UserFactory)(role=Role.MODERATOR)
    socket, _ = await connect_ready(alice)
    await db(member_suspend)(actor=moderator, member=alice, reason="abuse")
    output = await socket.receive_output(timeout=5)
    assert output == {"type": "websocket.close", "code": CLOSE_FORBIDDEN}
    await socket.disconnect()


async def test_ending_all_sessions_closes_the_connection():
    alice = await db(UserFactory)()
    moderator = await db(UserFactory)(role=Role.MODERATOR)
    socket, _ = await connect_ready(alice)
    await db(member_end_sessions)(actor=moderator, member=alice, reason="seized phone")
    output = await socket.receive_output(timeout=5)
    assert output["type"] == "websocket.close"
    await socket.disconnect()


async def test_a_member_removed_from_a_room_stops_receiving_it_at_once():
    owner, alice = await db(UserFactory)(), await db(UserFactory)()
    room = await db(private_room)(owner=owner, members=[alice])
    socket, ready = await connect_ready(alice)
    assert room.pk in [r["id"] for r in ready["rooms"]]
    await db(services.room_member_remove)(actor=owner, room=room, member=alice)
    changed = await socket.receive_json_from(timeout=5)
    assert changed["type"] == "rooms_changed" and changed["removed"] == [room.pk]
    await db(send)(owner, room, "after removal")
    assert await socket.receive_nothing(timeout=0.3)
    await socket.send_json_to({"type": "send", "room": room.pk, "client_id": "z", "body": "still here?"})
    assert (await socket.receive_json_from(timeout=5))["code"] == "forbidden_room"
    await socket.disconnect()


async def test_a_member_added_to_a_room_starts_receiving_it():
    owner, alice = await db(UserFactory)(), await db(UserFactory)()
    room = await db(private_room)(owner=owner)
    socket, _ = await connect_ready(alice)
    await db(services.room_member_add)(actor=owner, room=room, member=alice)
    changed = await socket.receive_json_from(timeout=5)
    assert changed["added"] == [{"id": room.pk, "last_seq": 0}]
    await db(send)(owner, room, "welcome")
    assert (await socket.receive_json_from(timeout=5))["message"]["body"] == "welcome"
    await socket.disconnect()


async def test_concurrent_sends_get_distinct_sequence_numbers():
    people = [await db(UserFactory)() for _ in range(4)]
    room = await db(open_room)()
    sockets = [(await connect_ready(person))[0] for person in people]
    for index, socket in enumerate(sockets):
        await socket.send_json_to({"type": "send", "room": room.pk, "client_id": f"c{index}", "body": f"hi {index}"})
    acks = [(await receive_until(socket, "ack"))[-1] for socket in sockets]
    assert sorted(a["message"]["seq"] for a in acks) == [1, 2, 3, 4]
    for socket in sockets:
        await socket.disconnect()


async def test_notifications_reach_the_members_open_connection():
    alice, bob = await db(UserFactory)(), await db(UserFactory)()
    room = await db(services.direct_start)(sender=bob, recipients=[alice])
    socket, _ = await connect_ready(alice)
    message = await db(send)(bob, room, "Private hello")
    frames = await receive_until(socket, "notification")
    assert frames[-1]["kind"] == "direct_message" and frames[-1]["url"] == message.get_absolute_url()
    await socket.disconnect()


async def test_a_send_without_a_client_id_is_refused():
    alice = await db(UserFactory)()
    room = await db(open_room)()
    socket, _ = await connect_ready(alice)
    await socket.send_json_to({"type": "send", "room": room.pk, "body": "no id"})
    assert (await socket.receive_json_from(timeout=5))["code"] == "bad_frame"
    assert not await db(Message.objects.exists)()
    await socket.disconnect()


async def test_reconnecting_with_since_brings_edits_made_while_away():
    alice, bob = await db(UserFactory)(), await db(UserFactory)()
    room = await db(open_room)()
    message = await db(send)(bob, room, "first version")
    untouched = await db(send)(bob, room, "never changed")
    socket, ready = await connect_ready(alice)
    await socket.disconnect()
    await db(services.message_edit)(actor=bob, message=message, body="second version")
    socket, _ = await connect_ready(alice)
    await socket.send_json_to({"type": "hello", "rooms": {str(room.pk): untouched.seq}, "since": ready["now"]})
    frames = await receive_until(socket, "synced")
    assert [(f["type"], f["message"]["body"]) for f in frames[:-1]] == [("update", "second version")]
    await socket.disconnect()


async def test_a_server_failure_on_one_frame_keeps_the_connection_open(monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(services, "message_send", broken)
    alice = await db(UserFactory)()
    room = await db(open_room)()
    socket, _ = await connect_ready(alice)
    await socket.send_json_to({"type": "send", "room": room.pk, "client_id": "s1", "body": "hello"})
    assert (await socket.receive_json_from(timeout=5))["code"] == "server_error"
    await socket.send_json_to({"type": "ping"})
    assert (await socket.receive_json_from(timeout=5))["type"] == "pong"
    await socket.disconnect()


async def test_a_moderator_demoted_to_member_loses_private_rooms_at_once():
    from accounts.services import member_change_role

    admin = await db(UserFactory)(role=Role.ADMIN)
    moderator = await db(UserFactory)(role=Role.MODERATOR)
    room = await db(private_room)()
    socket, ready = await connect_ready(moderator)
    assert room.pk in [r["id"] for r in ready["rooms"]]
    await db(member_change_role)(actor=admin, member=moderator, role=Role.MEMBER)
    changed = await socket.receive_json_from(timeout=5)
    assert changed["type"] == "rooms_changed" and room.pk in changed["removed"]
    await db(send)(room.owner, room, "not for former moderators")
    assert await socket.receive_nothing(timeout=0.3)
    await socket.disconnect()


async def test_live_and_caught_up_messages_carry_the_fragment_the_page_renders():
    alice, bob = await db(UserFactory)(), await db(UserFactory)()
    room = await db(open_room)()
    a, _ = await connect_ready(alice, {room.pk: 0})
    b, _ = await connect_ready(bob, {room.pk: 0})
    await receive_until(a, "synced")
    await receive_until(b, "synced")
    await a.send_json_to({"type": "send", "room": room.pk, "client_id": "f1", "body": "Salam <b>there</b>"})
    ack = (await receive_until(a, "ack"))[-1]["message"]
    live = (await receive_until(b, "message"))[-1]["message"]
    stored = await db(Message.objects.select_related("reply_to").get)(pk=live["id"])
    expected = await db(rendering.message_fragment)(stored, language="en")
    assert live["fragment"] == ack["fragment"] == expected
    assert "&lt;b&gt;there&lt;/b&gt;" in live["fragment"] and "<b>there" not in live["fragment"]
    assert "Mute for" not in live["fragment"] and "data-own-only hidden" in live["fragment"]
    late, _ = await connect_ready(bob, {room.pk: 0})
    caught_up = (await receive_until(late, "message"))[-1]["message"]
    assert caught_up["fragment"] == expected
    for socket in (a, b, late):
        await socket.disconnect()


async def test_each_connection_gets_the_fragment_in_its_interface_language():
    alice = await db(UserFactory)()
    boris = await db(UserFactory)(ui_language="ru")
    room = await db(open_room)()
    a, _ = await connect_ready(alice, {room.pk: 0})
    b, _ = await connect_ready(boris, {room.pk: 0})
    await receive_until(a, "synced")
    await receive_until(b, "synced")
    await a.send_json_to({"type": "send", "room": room.pk, "client_id": "l1", "body": "Hello"})
    await receive_until(a, "ack")
    live = (await receive_until(b, "message"))[-1]["message"]
    stored = await db(Message.objects.select_related("reply_to").get)(pk=live["id"])
    assert live["fragment"] == await db(rendering.message_fragment)(stored, language="ru")
    assert live["fragment"] != await db(rendering.message_fragment)(stored, language="en")
    await a.disconnect()
    await b.disconnect()
