"""What one chat message costs the database, and that the cost does not grow with the room.

The send stores the message in a constant number of queries; the broadcast is built from the
stored object with none; the search document and the notifications follow in a task."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chat import services
from chat.models import Message, RoomMember
from search.models import Document
from tests.factories import UserFactory
from tests.helpers import LIVE_DB

from .factories import open_room, send
from .ws import connect_ready, receive_until

# SAVEPOINT, one SELECT (room access, retry, membership and mute), the sequence UPDATE,
# SAVEPOINT, INSERT, RELEASE, the read marker UPDATE, RELEASE.
SEND_QUERIES = 8
# The follow-up task: the message, then the search document (read and write in savepoints, and
# on SQLite its full-text row, which PostgreSQL keeps in the same row); notifications add their
# own only when someone is mentioned or in a direct room.
FOLLOWUP_QUERIES = 10 if connection.vendor == "sqlite" else 9


def _crowd(room, people: int, messages: int) -> None:
    """A busier room: many members who read it and a longer history."""
    members = [UserFactory() for _ in range(people)]
    RoomMember.objects.bulk_create(RoomMember(room=room, user=user, is_participant=True) for user in members)
    for index in range(messages):
        send(members[index % people], room, f"Earlier message {index}")


def _send_counted(member, room, client_id, django_assert_num_queries, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, django_assert_num_queries(SEND_QUERIES):
        message, created = services.message_send(sender=member, room=room, body="Hello there", client_id=client_id)
    assert created
    return message, callbacks


@pytest.mark.django_db
@pytest.mark.parametrize(("people", "messages"), [(0, 0), (40, 60)])
def test_a_send_costs_the_same_queries_whatever_the_size_of_the_room(
    member, people, messages, django_assert_num_queries, django_capture_on_commit_callbacks
):
    room = open_room()
    send(member, room, "first")  # the member's read marker exists from now on
    _crowd(room, people, messages)
    _send_counted(member, room, "counted", django_assert_num_queries, django_capture_on_commit_callbacks)


@pytest.mark.django_db
def test_a_first_message_in_a_room_creates_the_read_marker(member, django_capture_on_commit_callbacks):
    room = open_room()
    with django_capture_on_commit_callbacks(execute=True):
        message, _created = services.message_send(sender=member, room=room, body="Hello", client_id="first")
    assert RoomMember.objects.get(room=room, user=member).last_read_seq == message.seq


@pytest.mark.django_db
def test_the_broadcast_costs_no_query_and_comes_before_indexing_and_notifying(
    member, django_assert_num_queries, django_capture_on_commit_callbacks, monkeypatch
):
    room = open_room()
    send(member, room, "first")
    _crowd(room, 40, 10)
    order = []
    monkeypatch.setattr("chat.services.group_send", lambda group, event: order.append(("broadcast", event["kind"])))
    message, callbacks = _send_counted(
        member, room, "ordered", django_assert_num_queries, django_capture_on_commit_callbacks
    )
    broadcast, followup = callbacks
    with django_assert_num_queries(0):
        broadcast()
    assert order == [("broadcast", "message")]
    assert not Document.objects.filter(kind=Document.Kind.MESSAGE, object_id=message.pk).exists()
    followup()
    assert Document.objects.filter(kind=Document.Kind.MESSAGE, object_id=message.pk).exists()


@pytest.mark.django_db
def test_the_followup_costs_the_same_queries_whatever_the_size_of_the_room(member, django_capture_on_commit_callbacks):
    room = open_room()
    send(member, room, "first")
    counts = []
    for people in (0, 40):
        if people:
            _crowd(room, people, people)
        with django_capture_on_commit_callbacks() as callbacks:
            services.message_send(sender=member, room=room, body="Hello again", client_id=f"followup-{people}")
        callbacks[0]()
        with CaptureQueriesContext(connection) as context:
            callbacks[1]()
        counts.append(len(context.captured_queries))
    assert counts == [FOLLOWUP_QUERIES, FOLLOWUP_QUERIES]


@LIVE_DB
@pytest.mark.asyncio
async def test_a_send_through_the_socket_costs_a_constant_number_of_queries(monkeypatch):
    from asgiref.sync import sync_to_async

    member = await sync_to_async(UserFactory)()
    room = await sync_to_async(open_room)()
    await sync_to_async(send)(member, room, "first")
    counted = []
    real_send = services.message_send

    def counting_send(**kwargs):
        # Runs on the connection's database thread: the service, then what follows its commit
        # (the broadcast and, with the embedded task backend, the follow-up task).
        with CaptureQueriesContext(connection) as context:
            result = real_send(**kwargs)
        counted.append(len(context.captured_queries))
        return result

    monkeypatch.setattr(services, "message_send", counting_send)
    socket, ready = await connect_ready(member, rooms={room.pk: 1})
    await receive_until(socket, "synced")
    for index in range(2):
        await socket.send_json_to({"type": "send", "room": room.pk, "client_id": f"sock-{index}", "body": "Hi"})
        frames = await receive_until(socket, "ack")
        assert frames[-1]["message"]["fragment"].startswith("<li")
    await socket.disconnect()
    await sync_to_async(_crowd)(room, 40, 10)
    socket, ready = await connect_ready(member, rooms={room.pk: 12})
    await receive_until(socket, "synced")
    await socket.send_json_to({"type": "send", "room": room.pk, "client_id": "sock-big", "body": "Hi"})
    await receive_until(socket, "ack")
    await socket.disconnect()
    # With the embedded (immediate) task backend the follow-up runs in the same call.
    assert counted == [SEND_QUERIES + FOLLOWUP_QUERIES] * len(counted)
    assert await sync_to_async(Message.objects.filter(client_id__startswith="sock-").count)() == 3


@pytest.mark.django_db
def test_an_encoded_frame_reads_as_the_readers_own_rendering_in_every_language_and_zone(member):
    import json
    from zoneinfo import ZoneInfo

    from django.conf import settings

    from chat import rendering

    message = send(member, open_room(), "Встреча в 15:00, **важно**")
    frames = rendering.message_frames(message, kind="message")
    for language, _name in settings.LANGUAGES:
        # A language the broadcast does not carry is rendered once by the reader's process.
        missing = None if language in frames["fragments"] else rendering.encoded_fragment(message.pk, language)
        for zone in (ZoneInfo(settings.TIME_ZONE), ZoneInfo("Asia/Kabul"), ZoneInfo("Europe/Brussels")):
            frame = json.loads(rendering.frame_text(frames, language=language, zone=zone, fragment=missing))
            assert frame["type"] == "message"
            assert frame["message"]["seq"] == message.seq
            assert frame["message"]["fragment"] == rendering.message_fragment(message, language=language, zone=zone)


@LIVE_DB
@pytest.mark.asyncio
async def test_readers_get_the_broadcast_as_encoded_once_not_encoded_per_reader(monkeypatch):
    from asgiref.sync import sync_to_async

    from chat.consumers import ChatConsumer

    people = [await sync_to_async(UserFactory)() for _ in range(3)]
    room = await sync_to_async(open_room)()
    sockets = [(await connect_ready(person, rooms={room.pk: 0}))[0] for person in people]
    for socket in sockets:
        await receive_until(socket, "synced")
    encoded = []
    real_encode = ChatConsumer.encode_json.__func__

    def counting_encode(cls, content):
        encoded.append(content.get("type"))
        return real_encode(cls, content)

    monkeypatch.setattr(ChatConsumer, "encode_json", classmethod(counting_encode))
    await sockets[0].send_json_to({"type": "send", "room": room.pk, "client_id": "once", "body": "Hello all"})
    for socket in sockets:
        frames = await receive_until(socket, "message")
        assert frames[-1]["message"]["client_id"] == "once"
    for socket in sockets:
        await socket.disconnect()
    assert "message" not in encoded


@LIVE_DB
@pytest.mark.asyncio
async def test_readers_of_other_languages_get_their_own_and_each_language_renders_once(monkeypatch):
    from asgiref.sync import sync_to_async
    from django.utils import translation

    from chat import rendering

    sender = await sync_to_async(UserFactory)(ui_language="en")
    kazakh = [await sync_to_async(UserFactory)(ui_language="kk") for _ in range(2)]
    dari = await sync_to_async(UserFactory)(ui_language="fa-af")
    room = await sync_to_async(open_room)()
    sockets = [(await connect_ready(person, rooms={room.pk: 0}))[0] for person in [sender, *kazakh, dari]]
    for socket in sockets:
        await receive_until(socket, "synced")
    rendered = []
    real_render = rendering.encoded_fragment

    def counting_render(message_id, language):
        rendered.append(language)
        return real_render(message_id, language)

    monkeypatch.setattr(rendering, "encoded_fragment", counting_render)
    await sockets[0].send_json_to({"type": "send", "room": room.pk, "client_id": "langs", "body": "Hello all"})
    received = [(await receive_until(socket, "message"))[-1]["message"]["fragment"] for socket in sockets]
    for socket in sockets:
        await socket.disconnect()

    for language, fragment in zip(["en", "kk", "kk", "fa-af"], received, strict=True):
        with translation.override(language):
            reply = translation.gettext("Reply")
        assert f">{reply}<" in fragment
    assert received[1] == received[2] and received[1] != received[0] != received[3]
    assert sorted(rendered) == ["fa-af", "kk"]  # once per language, not once per reader


@LIVE_DB
@pytest.mark.asyncio
async def test_a_sender_of_another_language_gets_the_ack_in_it_from_the_broadcast_and_readers_too(monkeypatch):
    from asgiref.sync import sync_to_async
    from django.utils import translation

    from chat import rendering

    sender = await sync_to_async(UserFactory)(ui_language="ru")
    reader = await sync_to_async(UserFactory)(ui_language="ru")
    room = await sync_to_async(open_room)()
    sockets = [(await connect_ready(person, rooms={room.pk: 0}))[0] for person in (sender, reader)]
    for socket in sockets:
        await receive_until(socket, "synced")
    rendered = []
    real_render = rendering.encoded_fragment
    monkeypatch.setattr(rendering, "encoded_fragment", lambda *args: rendered.append(args) or real_render(*args))

    await sockets[0].send_json_to({"type": "send", "room": room.pk, "client_id": "ru-ack", "body": "Привет"})
    ack = (await receive_until(sockets[0], "ack"))[-1]["message"]["fragment"]
    live = (await receive_until(sockets[1], "message"))[-1]["message"]["fragment"]
    for socket in sockets:
        await socket.disconnect()

    with translation.override("ru"):
        reply = translation.gettext("Reply")
    assert f">{reply}<" in ack and f">{reply}<" in live and reply != "Reply"
    assert rendered == []  # the broadcast carried Russian: nothing rendered on demand


@pytest.mark.asyncio
async def test_a_reader_leaving_while_a_language_renders_does_not_cancel_it_for_the_others(monkeypatch):
    import asyncio
    import threading

    from asgiref.sync import sync_to_async

    from chat import consumers, rendering

    started, release = threading.Event(), threading.Event()
    calls = []

    def slow_render(message_id, language):
        calls.append((message_id, language))
        started.set()
        release.wait(5)
        return '"<li>kk</li>"'

    monkeypatch.setattr(rendering, "encoded_fragment", slow_render)
    # A thread of its own, so that the render waits there while the test goes on.
    monkeypatch.setattr(consumers, "database_sync_to_async", lambda func: sync_to_async(func, thread_sensitive=False))
    event = {"message": 7, "broadcast": "b-cancel", "fragments": {}}
    leaving = asyncio.ensure_future(consumers._fragment_in(event, "kk"))
    staying = asyncio.ensure_future(consumers._fragment_in(event, "kk"))
    await asyncio.get_running_loop().run_in_executor(None, started.wait, 5)
    leaving.cancel()
    await asyncio.sleep(0)
    release.set()

    assert await asyncio.wait_for(staying, 5) == '"<li>kk</li>"'
    assert leaving.cancelled()
    assert calls == [(7, "kk")]  # one render for both readers
    # A later reader of the same broadcast gets the finished render, not a new one.
    assert await consumers._fragment_in(event, "kk") == '"<li>kk</li>"' and len(calls) == 1
