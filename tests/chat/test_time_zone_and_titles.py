"""Chat in each reader's time zone (live frames read exactly as a reload does) and direct
conversations named after the other people in them."""

import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from asgiref.sync import sync_to_async
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chat import rendering, services
from chat.models import Message, Room
from notifications.models import Notification
from tests.factories import UserFactory
from tests.helpers import LIVE_DB

from .factories import open_room, send
from .ws import connect_ready, receive_until

db = sync_to_async
KABUL = ZoneInfo("Asia/Kabul")


def _time_of(fragment: str) -> str:
    return fragment.split("<time", 1)[1].split("</time>", 1)[0]


@pytest.mark.django_db
def test_a_broadcast_fragment_is_moved_into_the_readers_zone_exactly():
    message = send(UserFactory(), open_room(), "Shelter opens at nine")
    Message.objects.filter(pk=message.pk).update(created_at=datetime(2026, 12, 7, 4, 16, tzinfo=UTC))
    message = Message.objects.select_related("reply_to").get(pk=message.pk)
    for language in ("en", "ru", "fa-af"):
        broadcast = rendering.message_fragment(message, language=language)
        assert "09:16" in _time_of(broadcast)
        moved = rendering.fragment_in_zone(broadcast, message.created_at.isoformat(), language=language, zone=KABUL)
        assert moved == rendering.message_fragment(message, language=language, zone=KABUL)
        assert "08:46" in _time_of(moved) and "+0430" in _time_of(moved)


@pytest.mark.django_db
def test_broadcasts_render_in_the_hubs_zone_whatever_zone_the_request_activated():
    from django.utils import timezone

    message = send(UserFactory(), open_room(), "Hello")
    with timezone.override(KABUL):
        frames = rendering.message_frames(message, kind="message")
    almaty = rendering.message_fragment(message, language="en", zone=ZoneInfo("Asia/Almaty"))
    assert json.loads(frames["fragments"]["en"]) == almaty


@LIVE_DB
@pytest.mark.asyncio
async def test_live_and_caught_up_messages_show_the_time_in_the_readers_zone():
    alice = await db(UserFactory)()
    kabul = await db(UserFactory)(time_zone="Asia/Kabul", ui_language="ru")
    room = await db(open_room)()
    a, _ = await connect_ready(alice, {room.pk: 0})
    k, _ = await connect_ready(kabul, {room.pk: 0})
    await receive_until(a, "synced")
    await receive_until(k, "synced")
    await a.send_json_to({"type": "send", "room": room.pk, "client_id": "tz1", "body": "Salam"})
    own = (await receive_until(a, "ack"))[-1]["message"]
    live = (await receive_until(k, "message"))[-1]["message"]
    stored = await db(Message.objects.select_related("reply_to").get)(pk=live["id"])
    # Exactly what a reload renders for each reader.
    assert live["fragment"] == await db(rendering.message_fragment)(stored, language="ru", zone=KABUL)
    assert own["fragment"] == await db(rendering.message_fragment)(stored, language="en")
    assert "+0430" in _time_of(live["fragment"]) and "+0430" not in _time_of(own["fragment"])
    late, _ = await connect_ready(kabul, {room.pk: 0})
    caught_up = (await receive_until(late, "message"))[-1]["message"]
    assert caught_up["fragment"] == live["fragment"]
    for socket in (a, k, late):
        await socket.disconnect()


@LIVE_DB
@pytest.mark.asyncio
async def test_an_edit_reaches_the_reader_in_their_zone():
    alice = await db(UserFactory)()
    kabul = await db(UserFactory)(time_zone="Asia/Kabul")
    room = await db(open_room)()
    message = await db(send)(alice, room, "first")
    k, _ = await connect_ready(kabul, {room.pk: message.seq})
    await receive_until(k, "synced")
    await db(services.message_edit)(actor=alice, message=message, body="second")
    update = (await receive_until(k, "update"))[-1]["message"]
    stored = await db(Message.objects.select_related("reply_to").prefetch_related("reactions").get)(pk=message.pk)
    assert update["fragment"] == await db(rendering.message_fragment)(stored, language="en", zone=KABUL)
    await k.disconnect()


# Direct conversations ---------------------------------------------------------------------


def _discreet_off(user):
    user.discreet_mode = False
    user.save(update_fields=["discreet_mode"])
    return user


@pytest.mark.django_db
def test_a_direct_conversation_is_named_after_the_other_person_everywhere(client):
    aigul = _discreet_off(UserFactory(display_name="Aigul Sarsenova"))
    nodira = UserFactory(display_name="Nodira Karimova")
    room = services.direct_start(sender=aigul, recipients=[nodira])
    send(nodira, room, "Hello")
    client.force_login(aigul)
    listing = client.get("/chat/").content.decode().split("<main", 1)[1]
    assert "Nodira Karimova" in listing and "Aigul Sarsenova" not in listing
    home = client.get("/").content.decode().split('id="dashboard-chat"', 1)[1].split("</section>", 1)[0]
    assert "Nodira Karimova" in home and "Aigul Sarsenova" not in home
    page = client.get(room.get_absolute_url()).content.decode()
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    heading = page.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert "Nodira Karimova" in title and "Aigul" not in title
    assert "Nodira Karimova" in heading and "Aigul" not in heading
    members = client.get(f"/chat/{room.pk}/members/").content.decode()
    assert "Members of Nodira Karimova" in members


@pytest.mark.django_db
def test_in_discreet_mode_the_tab_still_says_only_chat(client):
    aigul, nodira = UserFactory(display_name="Aigul"), UserFactory(display_name="Nodira")
    room = services.direct_start(sender=aigul, recipients=[nodira])
    client.force_login(aigul)
    page = client.get(room.get_absolute_url()).content.decode()
    assert "Nodira" not in page.split("<title>", 1)[1].split("</title>", 1)[0]


@pytest.mark.django_db
def test_a_group_conversation_names_everyone_but_the_reader():
    people = [UserFactory(display_name=name) for name in ("Aigul", "Nodira", "Parwin")]
    room = services.direct_start(sender=people[0], recipients=people[1:])
    send(people[0], room, "Hello both")
    titles = dict(Notification.objects.filter(target_id__isnull=False).values_list("recipient__display_name", "title"))
    assert titles == {"Nodira": "Aigul, Parwin", "Parwin": "Aigul, Nodira"}
    from chat.selectors import direct_titles

    assert direct_titles([room.pk], people[1].pk) == {room.pk: "Aigul, Parwin"}


@pytest.mark.django_db
def test_the_room_list_names_any_number_of_conversations_in_one_query(client, django_assert_num_queries):
    reader = UserFactory()
    services.direct_start(sender=reader, recipients=[UserFactory()])
    client.force_login(reader)
    client.get("/chat/")
    with CaptureQueriesContext(connection) as context:
        client.get("/chat/")
    for _index in range(5):
        services.direct_start(sender=reader, recipients=[UserFactory(), UserFactory()])
    with django_assert_num_queries(len(context.captured_queries)):
        page = client.get("/chat/")
    assert page.content.decode().count(reader.display_name) <= 1  # the account menu at most


# Pages opened at a message -----------------------------------------------------------------


@pytest.mark.django_db
def test_a_page_opened_at_a_message_says_whether_it_ends_at_the_newest(member_client, member):
    room = open_room()
    first = send(member, room, "first")
    for index in range(60):
        send(member, room, f"line {index}")
    page = member_client.get(f"{room.get_absolute_url()}?m={first.pk}").content.decode()
    assert 'data-latest="false"' in page
    page = member_client.get(f"{room.get_absolute_url()}?at={room.messages.count() - 3}").content.decode()
    assert 'data-latest="true"' in page
    assert 'data-latest="true"' in member_client.get(room.get_absolute_url()).content.decode()
    assert Room.objects.get(pk=room.pk).last_seq == 61
