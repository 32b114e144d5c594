"""Every way a session ends closes the chat connections opened with it, and only those."""

import asyncio
import re
import time
from urllib.parse import urlsplit

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.test import Client

from accounts.deletion import account_delete
from accounts.models import Role
from accounts.services import member_end_sessions
from chat import consumers
from chat.consumers import CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED
from config.asgi import application
from core.realtime import user_group
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB

from .ws import connect_ready

pytestmark = [LIVE_DB, pytest.mark.asyncio]

db = sync_to_async
NEW_PASSWORD = "a new and long passphrase 42"


def _log_in(user, agent: str = "Firefox on a laptop") -> Client:
    # The real login, so allauth lists the session like any member's.
    client = Client(HTTP_USER_AGENT=agent)
    client.post("/accounts/login/", {"login": user.email, "password": TEST_PASSWORD})
    assert client.session.get("_auth_user_id") == str(user.pk)
    return client


async def _chat(client: Client) -> WebsocketCommunicator:
    cookie = client.cookies["sessionid"].value
    headers = [(b"origin", b"http://127.0.0.1"), (b"host", b"127.0.0.1"), (b"cookie", f"sessionid={cookie}".encode())]
    socket = WebsocketCommunicator(application, "/ws/chat/", headers=headers)
    connected, _code = await socket.connect()
    assert connected
    assert (await socket.receive_json_from(timeout=5))["type"] == "ready"
    return socket


async def _closed_with(socket, code: int = CLOSE_UNAUTHENTICATED, timeout: float = 5) -> None:
    assert await socket.receive_output(timeout=timeout) == {"type": "websocket.close", "code": code}
    await socket.disconnect()


async def _still_open(socket) -> None:
    await socket.send_json_to({"type": "ping"})
    assert (await socket.receive_json_from(timeout=5))["type"] == "pong"
    await socket.disconnect()


async def test_logging_out_closes_the_chat_opened_with_that_session_only():
    alice = await db(UserFactory)()
    laptop, phone = await db(_log_in)(alice), await db(_log_in)(alice, "Safari on a phone")
    laptop_chat, phone_chat = await _chat(laptop), await _chat(phone)

    await db(laptop.post)("/accounts/logout/")

    await _closed_with(laptop_chat)
    await _still_open(phone_chat)


async def test_signing_out_other_sessions_closes_their_chats():
    alice = await db(UserFactory)()
    laptop, phone = await db(_log_in)(alice), await db(_log_in)(alice, "Safari on a phone")
    laptop_chat, phone_chat = await _chat(laptop), await _chat(phone)

    await db(laptop.post)("/accounts/sessions/", {"action": "end"})

    await _closed_with(phone_chat)
    await _still_open(laptop_chat)


async def test_changing_the_password_closes_the_chats_of_every_session():
    alice = await db(UserFactory)()
    laptop, phone = await db(_log_in)(alice), await db(_log_in)(alice, "Safari on a phone")
    laptop_chat, phone_chat = await _chat(laptop), await _chat(phone)
    # A session no list knows of (opened before sessions were listed) ends by its hash.
    unlisted_chat, _ = await connect_ready(alice)

    response = await db(laptop.post)(
        "/accounts/password/change/",
        {"oldpassword": TEST_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302

    await _closed_with(phone_chat)
    await _closed_with(unlisted_chat)
    # The laptop's session goes on under a new key (Django cycles it with the password): its
    # old connection closes, and the next page opens the chat again.
    await _closed_with(laptop_chat)
    await _still_open(await _chat(laptop))


async def test_resetting_the_password_closes_every_chat(mailoutbox):
    alice = await db(UserFactory)()
    phone_chat = await _chat(await db(_log_in)(alice, "Safari on a phone"))
    unlisted_chat, _ = await connect_ready(alice)

    def reset_by_email():
        browser = Client()
        browser.post("/accounts/password/reset/", {"email": alice.email})
        link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", mailoutbox[-1].body).group(0)
        form = browser.get(urlsplit(link).path, follow=True)
        response = browser.post(form.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
        assert response.status_code == 302

    await db(reset_by_email)()

    await _closed_with(phone_chat)
    await _closed_with(unlisted_chat)


async def test_the_idle_timeout_of_pages_closes_the_chat(settings, monkeypatch):
    settings.SESSION_IDLE_TIMEOUT = 600
    alice = await db(UserFactory)()
    laptop = await db(_log_in)(alice)
    await db(laptop.get)("/")  # records the activity
    chat = await _chat(laptop)

    # The member comes back to a page after the limit: the page logs them out.
    later = time.time() + 900
    monkeypatch.setattr("core.middleware.time.time", lambda: later)
    await db(laptop.get)("/")

    await _closed_with(chat)


async def test_an_idle_chat_is_closed_without_the_tab_sending_anything(settings):
    settings.SESSION_IDLE_TIMEOUT = 1
    alice = await db(UserFactory)()
    chat = await _chat(await db(_log_in)(alice))

    await _closed_with(chat, timeout=8)


async def test_an_expired_session_closes_the_chat():
    alice = await db(UserFactory)()
    laptop = await db(_log_in)(alice)

    def expire_soon():
        session = laptop.session
        session.set_expiry(2)
        session.save()

    await db(expire_soon)()
    chat = await _chat(laptop)

    await _closed_with(chat, timeout=8)


async def test_a_moderator_ending_the_members_sessions_closes_every_chat():
    alice = await db(UserFactory)()
    moderator = await db(UserFactory)(role=Role.MODERATOR)
    listed_chat = await _chat(await db(_log_in)(alice))
    unlisted_chat, _ = await connect_ready(alice)

    await db(member_end_sessions)(actor=moderator, member=alice, reason="seized phone")

    for chat in (listed_chat, unlisted_chat):
        output = await chat.receive_output(timeout=5)
        assert output["type"] == "websocket.close" and output["code"] in (CLOSE_UNAUTHENTICATED, CLOSE_FORBIDDEN)
        await chat.disconnect()


async def test_deleting_the_account_closes_every_chat():
    alice = await db(UserFactory)()
    listed_chat = await _chat(await db(_log_in)(alice))
    unlisted_chat, _ = await connect_ready(alice)

    await db(account_delete)(member=alice, content="anonymise")

    for chat in (listed_chat, unlisted_chat):
        output = await chat.receive_output(timeout=5)
        assert output["type"] == "websocket.close" and output["code"] in (CLOSE_UNAUTHENTICATED, CLOSE_FORBIDDEN)
        await chat.disconnect()


async def test_a_session_ended_while_its_signal_was_lost_stops_the_chat_at_its_next_frame(monkeypatch):
    alice = await db(UserFactory)()
    laptop = await db(_log_in)(alice)
    chat = await _chat(laptop)
    monkeypatch.setattr("core.realtime.group_send", lambda group, message: None)

    await db(laptop.post)("/accounts/logout/")
    assert await chat.receive_nothing(timeout=0.5)  # the close never arrived

    await chat.send_json_to({"type": "ping"})
    await _closed_with(chat)  # closed, and no pong


async def test_a_live_session_costs_no_query_per_frame(monkeypatch):
    alice = await db(UserFactory)()
    chat = await _chat(await db(_log_in)(alice))
    checks = []
    real_state = consumers._session_state

    async def counted(scope, user_id):
        checks.append(user_id)
        return await real_state(scope, user_id)

    monkeypatch.setattr(consumers, "_session_state", counted)
    for _ in range(3):
        await chat.send_json_to({"type": "ping"})
        assert (await chat.receive_json_from(timeout=5))["type"] == "pong"
    assert checks == []  # answered from the session cache
    await chat.disconnect()


async def test_a_session_evicted_from_the_cache_is_checked_in_the_store_and_keeps_its_chat():
    alice = await db(UserFactory)()
    laptop = await db(_log_in)(alice)
    chat = await _chat(laptop)
    key = laptop.cookies["sessionid"].value
    await db(caches[settings.SESSION_CACHE_ALIAS].delete)("django.contrib.sessions.cached_db" + key)

    await chat.send_json_to({"type": "ping"})
    assert (await chat.receive_json_from(timeout=5))["type"] == "pong"
    assert await db(Session.objects.filter(session_key=key).exists)()
    await chat.disconnect()


async def test_a_chat_opened_with_an_already_ended_session_is_refused():
    alice = await db(UserFactory)()
    laptop = await db(_log_in)(alice)
    cookie = laptop.cookies["sessionid"].value
    await db(laptop.post)("/accounts/logout/")
    headers = [(b"origin", b"http://127.0.0.1"), (b"host", b"127.0.0.1"), (b"cookie", f"sessionid={cookie}".encode())]
    socket = WebsocketCommunicator(application, "/ws/chat/", headers=headers)
    connected, code = await socket.connect()
    assert not connected and code == CLOSE_UNAUTHENTICATED
    await socket.disconnect()


async def test_broadcasts_already_on_their_way_never_reach_a_closing_chat():
    alice = await db(UserFactory)()
    laptop = await db(_log_in)(alice)
    chat = await _chat(laptop)
    await db(laptop.post)("/accounts/logout/")
    await asyncio.sleep(0.2)
    await get_channel_layer().group_send(
        user_group(alice.pk), {"type": "notification.new", "id": 1, "kind": "mention", "url": "/"}
    )
    assert await chat.receive_output(timeout=5) == {"type": "websocket.close", "code": CLOSE_UNAUTHENTICATED}
    assert await chat.receive_nothing(timeout=0.3)
    await chat.disconnect()
