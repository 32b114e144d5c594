"""The bell's socket: members only, counts exactly what the list shows, follows every change
live and ends with the session or the member's access."""

import time

import pytest
from asgiref.sync import SyncToAsync, sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import connections
from django.test import Client

from accounts.models import Status
from accounts.services import member_suspend
from config.asgi import application
from core.middleware import IdleTimeoutMiddleware
from forum import services as forum_services
from notifications import services
from notifications.consumers import CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED
from notifications.models import Kind
from tests.factories import TEST_PASSWORD, UserFactory
from tests.forum import factories
from tests.helpers import LIVE_DB

pytestmark = [LIVE_DB, pytest.mark.asyncio]

db = sync_to_async
URL = "/ws/notifications/"


@pytest.fixture(autouse=True)
def _close_connections_of_the_async_thread():
    yield
    SyncToAsync.single_thread_executor.submit(connections.close_all).result(timeout=10)


def _log_in(user) -> Client:
    client = Client()
    client.post("/accounts/login/", {"login": user.email, "password": TEST_PASSWORD})
    assert client.session.get("_auth_user_id") == str(user.pk)
    return client


def _socket(client: Client | None = None) -> WebsocketCommunicator:
    headers = [(b"origin", b"http://127.0.0.1"), (b"host", b"127.0.0.1")]
    if client is not None:
        headers.append((b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()))
    return WebsocketCommunicator(application, URL, headers=headers)


async def _open(client: Client) -> tuple[WebsocketCommunicator, dict]:
    socket = _socket(client)
    connected, _code = await socket.connect()
    assert connected
    return socket, await socket.receive_json_from(timeout=5)


def _listed(client: Client) -> int:
    return len(client.get("/notifications/").context["page"].items)


async def test_anonymous_visitors_are_refused():
    socket = _socket()
    connected, code = await socket.connect()
    assert not connected and code == CLOSE_UNAUTHENTICATED


async def test_suspended_members_are_refused():
    member = await db(UserFactory)()
    client = await db(_log_in)(member)
    member.status = Status.SUSPENDED
    await db(member.save)()
    socket = _socket(client)
    connected, code = await socket.connect()
    assert not connected and code == CLOSE_FORBIDDEN


def _notifications_with_one_hidden(member, author, moderator):
    thread = factories.thread(member, title="Shelters")
    other = factories.thread(member, title="Courts")
    factories.reply(thread, author)
    hidden = factories.reply(other, author)
    forum_services.post_hide(actor=moderator, post=hidden, reason="Names a survivor")


async def test_the_count_equals_the_lists_and_follows_new_notifications_live(moderator):
    member, author = await db(UserFactory)(), await db(UserFactory)()
    await db(_notifications_with_one_hidden)(member, author, moderator)
    client = await db(_log_in)(member)
    socket, frame = await _open(client)
    listed = await db(_listed)(client)
    assert frame["type"] == "count" and frame["unread"] == listed == 1
    assert frame["label"] == "1 unread notification"

    await db(factories.reply)(await db(factories.thread)(member, title="Referrals"), author)
    frame = await socket.receive_json_from(timeout=5)
    assert frame["unread"] == await db(_listed)(client) == 2
    assert await socket.receive_nothing(timeout=0.3)  # one frame per change

    # Reading one in another tab counts down here too.
    notification = await db(lambda: member.notifications.filter(read_at__isnull=True).first())()
    await db(services.notification_mark_read)(user=member, notification_id=notification.pk)
    assert (await socket.receive_json_from(timeout=5))["unread"] == 1
    await socket.disconnect()


async def test_another_members_notifications_do_not_reach_this_socket():
    member, other = await db(UserFactory)(), await db(UserFactory)()
    client = await db(_log_in)(member)
    socket, _frame = await _open(client)
    await db(services.notify)(kind=Kind.MENTION, recipient_ids=[other.pk], url="/")
    assert await socket.receive_nothing(timeout=0.5)
    await socket.disconnect()


async def test_logging_out_closes_the_socket():
    member = await db(UserFactory)()
    client = await db(_log_in)(member)
    socket, _frame = await _open(client)
    await db(client.post)("/accounts/logout/")
    assert await socket.receive_output(timeout=5) == {"type": "websocket.close", "code": CLOSE_UNAUTHENTICATED}
    await socket.disconnect()


async def test_a_suspension_closes_the_open_socket(moderator):
    member = await db(UserFactory)()
    client = await db(_log_in)(member)
    socket, _frame = await _open(client)
    await db(member_suspend)(actor=moderator, member=member, reason="Harassment")
    closed = await socket.receive_output(timeout=5)
    assert closed["type"] == "websocket.close" and closed["code"] in (CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED)
    await socket.disconnect()


async def test_the_socket_answers_its_two_frames_and_refuses_others():
    member = await db(UserFactory)()
    client = await db(_log_in)(member)
    socket, _frame = await _open(client)
    await socket.send_json_to({"type": "count"})
    assert (await socket.receive_json_from(timeout=5))["type"] == "count"
    for hostile in ("not json", '{"type": ["count"]}', "[1]"):
        await socket.send_to(text_data=hostile)
        assert (await socket.receive_json_from(timeout=5)) == {"type": "error", "code": "bad_frame"}
    await socket.send_to(text_data="x" * 5000)
    assert (await socket.receive_output(timeout=5))["type"] == "websocket.close"
    await socket.disconnect()


async def test_every_frame_checks_the_session_again(settings):
    settings.SESSION_IDLE_TIMEOUT = 600
    member = await db(UserFactory)()
    client = await db(_log_in)(member)
    socket, _frame = await _open(client)
    await socket.send_json_to({"type": "ping"})
    assert (await socket.receive_json_from(timeout=5))["type"] == "pong"

    # The member left the hub an hour ago; an open bell is not activity.
    def idle_for_an_hour():
        session = client.session
        session[IdleTimeoutMiddleware.KEY] = int(time.time()) - 3600
        session.save()

    await db(idle_for_an_hour)()
    await socket.send_json_to({"type": "ping"})
    assert await socket.receive_output(timeout=5) == {"type": "websocket.close", "code": CLOSE_UNAUTHENTICATED}
    await socket.disconnect()


async def test_a_quiet_bell_closes_at_the_idle_limit(settings):
    settings.SESSION_IDLE_TIMEOUT = 2
    member = await db(UserFactory)()
    client = await db(_log_in)(member)
    await db(client.get)("/")  # records the activity
    socket, _frame = await _open(client)
    # The tab sends nothing: a timer ends the connection with the session's idle limit.
    assert await socket.receive_output(timeout=8) == {"type": "websocket.close", "code": CLOSE_UNAUTHENTICATED}
    await socket.disconnect()


async def test_a_quiet_bell_closes_when_its_session_expires():
    member = await db(UserFactory)()
    client = await db(_log_in)(member)

    def expire_soon():
        session = client.session
        session.set_expiry(2)
        session.save()

    await db(expire_soon)()
    socket, _frame = await _open(client)
    assert await socket.receive_output(timeout=8) == {"type": "websocket.close", "code": CLOSE_UNAUTHENTICATED}
    await socket.disconnect()


async def test_a_page_request_moves_the_bells_idle_limit_on(settings, monkeypatch):
    settings.SESSION_IDLE_TIMEOUT = 3
    monkeypatch.setattr(IdleTimeoutMiddleware, "WRITE_EVERY", 0)  # every request records activity
    member = await db(UserFactory)()
    client = await db(_log_in)(member)
    await db(client.get)("/")
    socket, _frame = await _open(client)
    for _visit in range(3):
        await db(time.sleep)(1.5)
        await db(client.get)("/")  # the member is still reading pages
    await socket.send_json_to({"type": "ping"})
    assert (await socket.receive_json_from(timeout=5))["type"] == "pong"
    await socket.disconnect()
