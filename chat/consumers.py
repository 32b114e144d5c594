"""The chat WebSocket: one connection per browser tab, carrying all the member's rooms.

Business rules stay in services and selectors; this module parses frames, checks the room
against the connection's current rights and relays events. The JSON protocol is documented
in chat/PROTOCOL.md."""

import asyncio
import itertools
import json
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from importlib import import_module

from asgiref.sync import ThreadSensitiveContext, sync_to_async
from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from accounts import permissions, time_zones
from accounts.models import User
from core.middleware import IdleTimeoutMiddleware
from core.personal_details import CONFIRM_LABEL, find_personal_details, personal_details_error
from core.realtime import session_group, user_group
from core.socket_sessions import session_state
from core.socket_sessions import session_store as _session_store

from . import presence, rendering, selectors, services
from .models import Room

# The server refuses bigger frames before reading them (uvicorn's --ws-max-size, set to this
# number wherever uvicorn is started); the check in receive() covers other servers.
MAX_FRAME_BYTES = 16 * 1024
MAX_SINCE_LENGTH = 64
TYPING_INTERVAL = 2.0
CLOSE_UNAUTHENTICATED = 4001
CLOSE_FORBIDDEN = 4003

logger = logging.getLogger(__name__)


# Database work of the sockets of one process runs on this many threads, each connection always
# on the same one (so its calls keep their order), instead of all on the one thread that
# asgiref shares by default: one slow query then holds up a quarter of the sockets, not all.
# Bounded well below the database pool (DB_POOL_SIZE, 8 by default), so pages keep their share.
SOCKET_THREADS = 4
SOCKET_EXECUTORS = [ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"chat-db-{i}") for i in range(SOCKET_THREADS)]
_next_executor = itertools.cycle(SOCKET_EXECUTORS)

# Frames a member sends by acting; pings, hellos and read receipts come from an open tab alone.
ACTIVE_FRAMES = frozenset({"send", "edit", "delete", "react", "typing"})


@database_sync_to_async
def _last_activity(scope) -> int | None:
    store = _session_store(scope)
    value = store.get(IdleTimeoutMiddleware.KEY) if store is not None else None
    return value if isinstance(value, int) else None


@database_sync_to_async
def _record_activity(scope, now: int) -> None:
    # A fresh load just before the write, so the keys HTTP requests set meanwhile survive.
    store = _session_store(scope)
    if store is not None and store.exists(store.session_key):
        store[IdleTimeoutMiddleware.KEY] = now
        store.save(must_create=False)


_session_state = database_sync_to_async(session_state)


def _session_cached(scope) -> bool | None:
    """Whether the cache still holds the connection's session, or None when the engine keeps
    no copy there.

    This is the per-frame check, chosen because it costs no SQL query: the cached_db engine
    keeps every live session in the (shared Redis) cache with the session's own expiry as its
    lifetime and deletes it with the session, so its presence answers "does the session still
    exist?" with one cache lookup. A miss (ended, expired or evicted) is settled by the store
    itself, which also puts a live session back into the cache."""
    key = getattr(scope.get("session"), "session_key", None)
    prefix = getattr(import_module(settings.SESSION_ENGINE).SessionStore, "cache_key_prefix", None)
    if not key or prefix is None:
        return None
    return caches[settings.SESSION_CACHE_ALIAS].has_key(prefix + key)


@database_sync_to_async
def _end_session(scope) -> None:
    store = _session_store(scope)
    if store is not None:
        store.delete()


def room_group(room_id: int) -> str:
    return f"chat.room.{room_id}"


@database_sync_to_async
def _load_user(scope):
    """The connection's user, fresh from the database, with staff powers only when the
    session completed the second factor (read fresh too, as it may have happened since)."""
    user = scope.get("user")
    if user is None or not user.is_authenticated:
        return None
    user = User.objects.filter(pk=user.pk).first()
    if user is not None:
        store = _session_store(scope)
        permissions.mark_second_factor(user, store if store is not None else scope.get("session"))
    return user


@database_sync_to_async
def _room_state(user) -> dict[int, int]:
    return dict(Room.objects.visible_to(user).values_list("pk", "last_seq"))


def _with_fragment(message, language: str, zone) -> dict:
    fragment = rendering.message_fragment(message, language=language, zone=zone)
    return {**selectors.message_payload(message), "fragment": fragment}


@database_sync_to_async
def _messages_after(room_id: int, after: int, language: str, zone) -> list[dict]:
    return [_with_fragment(m, language, zone) for m in selectors.messages_after(room_id, after)]


@database_sync_to_async
def _changed_since(room_id: int, up_to_seq: int, since, language: str, zone) -> list[dict]:
    changed = selectors.messages_changed(room_id, up_to_seq=up_to_seq, since=since)
    return [_with_fragment(m, language, zone) for m in changed]


@database_sync_to_async
def _send(user, room_id, body, client_id, reply_to_id, content_warning="", language=settings.LANGUAGE_CODE, zone=None):
    room = Room.objects.get(pk=room_id)
    with translation.override(language):  # the broadcast carries the sender's language
        message, created = services.message_send(
            sender=user,
            room=room,
            body=body,
            client_id=client_id,
            reply_to_id=reply_to_id,
            content_warning=content_warning,
        )
    return rendering.ack_payload(message, language=language, zone=zone or rendering.hub_zone()), created


@database_sync_to_async
def _act_on_message(user, rooms: frozenset[int], message_id, action: str, language: str, **kwargs):
    message = selectors.message_get(user, message_id)
    if message.room_id not in rooms:
        raise Http404  # the connection no longer carries this room
    with translation.override(language):  # the update's broadcast carries the actor's language
        if action == "edit":
            services.message_edit(actor=user, message=message, body=kwargs["body"])
        elif action == "delete":
            services.message_delete(actor=user, message=message)
        elif action == "react":
            services.reaction_toggle(user=user, message=message, emoji=kwargs["emoji"])


# Fragments this process rendered for languages a broadcast did not carry, by (message,
# broadcast, language): the first reader of that language starts the render as a task of its
# own, the others await the same task, so a process renders a message once per language
# whatever its number of readers. Readers await it shielded: a reader's connection closing
# cancels that reader alone, never the render the others wait for.
MISSING_FRAGMENTS_KEPT = 256
_missing_fragments: dict[tuple[int, str, str], asyncio.Task] = {}


async def _render_missing(message_id: int, language: str) -> str | None:
    try:
        return await database_sync_to_async(rendering.encoded_fragment)(message_id, language)
    except Exception:
        logger.exception("rendering message %s in %s", message_id, language)
        return None  # readers get the default language rather than nothing


async def _fragment_in(event: dict, language: str) -> str | None:
    broadcast = event.get("broadcast")
    if not broadcast:  # nothing names this broadcast: render for this reader alone
        return await _render_missing(event["message"], language)
    key = (event["message"], broadcast, language)
    render = _missing_fragments.get(key)
    if render is None:
        render = asyncio.ensure_future(_render_missing(event["message"], language))
        _missing_fragments[key] = render
        while len(_missing_fragments) > MISSING_FRAGMENTS_KEPT:
            del _missing_fragments[next(iter(_missing_fragments))]  # the oldest: dicts keep order
    return await asyncio.shield(render)


@database_sync_to_async
def _mark_read(user, room_id, seq):
    services.room_mark_read(user=user, room=Room.objects.get(pk=room_id), seq=seq)


def _int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


class ChatConsumer(AsyncJsonWebsocketConsumer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.executor = next(_next_executor)

    def thread_context(self) -> ThreadSensitiveContext:
        """This connection's thread for database calls (a fresh context each time: one can be
        entered only once; the executor is what stays)."""
        return ThreadSensitiveContext(executor=self.executor)

    async def dispatch(self, message):
        # Channels' dispatch first closes stale database connections in a thread, for every
        # message, broadcasts included: with N readers that is N thread hops per chat message
        # that uses no database. Every database call here goes through database_sync_to_async,
        # which closes stale connections around itself, so that hop is skipped.
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        async with self.thread_context():
            await handler(message)

    async def connect(self):
        self.closing = False
        self.user = await _load_user(self.scope)
        self.rooms: set[int] = set()
        self.delivered: dict[int, int] = {}
        self.present_in: set[int] = set()
        self.last_typing: dict[int, float] = {}
        if self.user is None:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        if not permissions.is_active_member(self.user):
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.language = rendering.connection_language(self.user, self.scope)
        self.zone = time_zones.zone_of(self.user)
        # Joined before the session is checked, so an end signalled meanwhile is not missed.
        self.session_key = self.scope["session"].session_key
        await self.channel_layer.group_add(session_group(self.session_key), self.channel_name)
        session = await _session_state(self.scope, self.user.pk)
        if session is None:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        now = int(time.time())
        self.session_expires_at = session.expires_at
        self.last_activity = session.last_activity or now
        self.activity_recorded = self.last_activity
        if self._idle_for_too_long(now):
            await self._log_out_idle()
            return
        await self.accept()
        await self.channel_layer.group_add(user_group(self.user.pk), self.channel_name)
        self.session_watch = asyncio.create_task(self._watch_session())
        state = await _room_state(self.user)
        await self._subscribe(state)
        await self.send_json(
            {
                "type": "ready",
                "now": timezone.now().isoformat(),
                "user": {"id": self.user.pk, "name": self.user.display_name},
                "rooms": [{"id": pk, "last_seq": seq} for pk, seq in sorted(state.items())],
            }
        )

    async def disconnect(self, code):
        self.closing = True
        watch = getattr(self, "session_watch", None)
        if watch is not None and watch is not asyncio.current_task():
            watch.cancel()
        if getattr(self, "session_key", None):
            await self.channel_layer.group_discard(session_group(self.session_key), self.channel_name)
        user = getattr(self, "user", None)
        if user is None:
            return
        for room_id in list(self.present_in):
            await self._presence(room_id, online=False)
        for room_id in list(self.rooms):
            await self.channel_layer.group_discard(room_group(room_id), self.channel_name)
        await self.channel_layer.group_discard(user_group(user.pk), self.channel_name)

    async def _subscribe(self, state: dict[int, int]) -> None:
        for room_id, last_seq in state.items():
            if room_id not in self.rooms:
                await self.channel_layer.group_add(room_group(room_id), self.channel_name)
                self.rooms.add(room_id)
                self.delivered[room_id] = last_seq

    async def _unsubscribe(self, room_id: int) -> None:
        await self.channel_layer.group_discard(room_group(room_id), self.channel_name)
        self.rooms.discard(room_id)
        self.delivered.pop(room_id, None)
        if room_id in self.present_in:
            await self._presence(room_id, online=False)

    async def close(self, code=None, reason=None):
        # Nothing more reaches a connection once it is being closed: broadcasts that were
        # already on their way are dropped.
        if getattr(self, "closing", False):
            return
        self.closing = True
        await super().close(code=code, reason=reason)

    async def send_json(self, content, close=False):
        if getattr(self, "closing", False):
            return
        await super().send_json(content, close=close)

    async def error(self, code: str, text: str, **extra) -> None:
        await self.send_json({"type": "error", "code": code, "message": text, **extra})

    # Incoming frames ---------------------------------------------------------------------

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if getattr(self, "closing", False) or not await self._session_alive():
            return
        if text_data is None:
            await self.error("bad_frame", _("Frames must be JSON text."))
            return
        if len(text_data.encode()) > MAX_FRAME_BYTES:
            await self.error("frame_too_large", _("This frame is too large."))
            return
        try:
            content = json.loads(text_data)
        except ValueError:
            await self.error("bad_json", _("This frame is not valid JSON."))
            return
        if not isinstance(content, dict) or not isinstance(content.get("type"), str):
            await self.error("bad_frame", _("A frame must be an object with a type."))
            return
        handler = {
            "hello": self.on_hello,
            "send": self.on_send,
            "edit": self.on_edit,
            "delete": self.on_delete,
            "react": self.on_react,
            "typing": self.on_typing,
            "read": self.on_read,
            "ping": self.on_ping,
        }.get(content["type"])
        if handler is None:
            await self.error("unknown_type", _("Unknown frame type."))
            return
        if content["type"] in ACTIVE_FRAMES:
            await self._active()
        try:
            await handler(content)
        except Exception:
            # One failed frame (e.g. the database briefly unavailable) must not drop the
            # connection; the client can retry, sends are idempotent.
            logger.exception("chat frame %s failed", content["type"])
            await self.error("server_error", _("Something went wrong. Please try again."))

    # Session end: every way a session ends deletes it, which signals its group
    # (accounts.sessions); the next frame and a timer at its expiry or idle limit check it too.

    async def _session_alive(self) -> bool:
        cached = await sync_to_async(_session_cached)(self.scope)
        if cached:
            return True
        session = await _session_state(self.scope, self.user.pk)
        if session is None:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return False
        self.session_expires_at = session.expires_at
        return True

    async def _watch_session(self) -> None:
        """Close the connection when its session expires or the member is idle for too long,
        even if the tab sends nothing: both end the session without anyone deleting it."""
        while not self.closing:
            deadline = self.session_expires_at
            timeout = getattr(settings, "SESSION_IDLE_TIMEOUT", 0)
            if timeout:
                deadline = min(deadline, self.last_activity + timeout + 1)
            await asyncio.sleep(max(deadline - time.time(), 0) + 0.5)
            # This task outlives the frame that started it, so it enters the thread itself.
            async with self.thread_context():
                try:
                    session = await _session_state(self.scope, self.user.pk)
                except Exception:
                    # E.g. the database briefly unavailable: try again soon rather than never.
                    logger.exception("chat session check failed")
                    self.session_expires_at = time.time() + 30
                    continue
                if session is None:
                    await self.close(code=CLOSE_UNAUTHENTICATED)
                    return
                self.session_expires_at = session.expires_at
                self.last_activity = max(self.last_activity, session.last_activity or 0)
                if self._idle_for_too_long(int(time.time())):
                    await self._log_out_idle()
                    return

    async def session_ended(self, event):
        await self.close(code=CLOSE_UNAUTHENTICATED)

    async def session_verify(self, event):
        if await _session_state(self.scope, self.user.pk) is None:
            await self.close(code=CLOSE_UNAUTHENTICATED)

    # Idle timeout: the same limit as for pages (IdleTimeoutMiddleware), counted from the last
    # page request or chat action, checked on every ping so an open tab does not keep a
    # forgotten session alive.

    def _idle_for_too_long(self, now: int) -> bool:
        timeout = getattr(settings, "SESSION_IDLE_TIMEOUT", 0)
        return bool(timeout) and now - self.last_activity > timeout

    async def _active(self) -> None:
        now = int(time.time())
        self.last_activity = now
        if now - self.activity_recorded >= IdleTimeoutMiddleware.WRITE_EVERY:
            self.activity_recorded = now
            await _record_activity(self.scope, now)

    async def _log_out_idle(self) -> None:
        await _end_session(self.scope)
        await self.close(code=CLOSE_UNAUTHENTICATED)

    def _room(self, content) -> int | None:
        room_id = _int(content.get("room"))
        return room_id if room_id in self.rooms else None

    async def on_hello(self, content):
        rooms = content.get("rooms")
        if not isinstance(rooms, dict):
            await self.error("bad_frame", _("“rooms” must map room ids to the last sequence number you have."))
            return
        since = content.get("since")
        since = parse_datetime(since) if isinstance(since, str) and len(since) <= MAX_SINCE_LENGTH else None
        for key, last in list(rooms.items())[:200]:
            room_id, after = _int(key), _int(last)
            if room_id is None or after is None:
                await self.error("bad_frame", _("Room ids and sequence numbers must be whole numbers."))
                continue
            if room_id not in self.rooms:
                await self.error("forbidden_room", _("You are not a member of this room."), room=room_id)
                continue
            if since is not None and after > 0:
                # Edits, deletions and reactions made while the client was away.
                for payload in await _changed_since(room_id, after, since, self.language, self.zone):
                    await self.send_json({"type": "update", "message": payload})
            await self._catch_up(room_id, after)
            await self.send_json({"type": "synced", "room": room_id, "last_seq": self.delivered[room_id]})
        present = content.get("present")
        if isinstance(present, list):
            for value in present[:5]:
                room_id = _int(value)
                if room_id in self.rooms:
                    await self._presence(room_id, online=True)

    async def _catch_up(self, room_id: int, after: int, until: int | None = None) -> None:
        """Send every stored message after ``after`` in order, in bounded batches."""
        while True:
            batch = await _messages_after(room_id, after, self.language, self.zone)
            for payload in batch:
                if until is not None and payload["seq"] > until:
                    break
                await self.send_json({"type": "message", "message": payload})
                after = payload["seq"]
            if len(batch) < selectors.SYNC_BATCH or (until is not None and after >= until):
                break
        self.delivered[room_id] = after

    async def on_send(self, content):
        client_id = content.get("client_id")
        room_id = self._room(content)
        if room_id is None:
            await self.error("forbidden_room", _("You are not a member of this room."), client_id=client_id)
            return
        body = content.get("body")
        if not isinstance(body, str) or not isinstance(client_id, str) or not client_id.strip():
            # The client id is what makes a retry safe, so it is required here.
            await self.error("bad_frame", _("“body” and “client_id” must be text."), client_id=client_id)
            return
        reply_to = _int(content.get("reply_to")) if content.get("reply_to") is not None else None
        warning = content.get("content_warning") or ""
        if not isinstance(warning, str):
            await self.error("bad_frame", _("“content_warning” must be text."), client_id=client_id)
            return
        # Length limits before any scan of the member's text.
        try:
            services.message_check_lengths(body=body, content_warning=warning, client_id=client_id)
        except ValidationError as error:
            await self.error(error.code or "invalid", error.messages[0], client_id=client_id)
            return
        # The gentle check: the author confirms by sending again with "confirmed": true.
        kinds = find_personal_details(body) if content.get("confirmed") is not True else []
        if kinds:
            await self.error(
                "personal_details",
                personal_details_error(kinds).messages[0],
                client_id=client_id,
                kinds=kinds,
                confirm_label=str(CONFIRM_LABEL),
            )
            return
        try:
            payload, created = await _send(
                self.user, room_id, body, client_id, reply_to, warning, self.language, self.zone
            )
        except ValidationError as error:
            await self.error(error.code or "invalid", error.messages[0], client_id=client_id)
            return
        except PermissionDenied as error:
            await self.error("forbidden", str(error) or _("You cannot write here."), client_id=client_id)
            return
        await self.send_json({"type": "ack", "client_id": client_id, "duplicate": not created, "message": payload})

    async def _message_action(self, content, action: str, **kwargs):
        message_id = _int(content.get("message"))
        if message_id is None:
            await self.error("bad_frame", _("“message” must be a message id."))
            return
        try:
            await _act_on_message(self.user, frozenset(self.rooms), message_id, action, self.language, **kwargs)
        except Http404:
            await self.error("not_found", _("This message does not exist."), message_id=message_id)
        except PermissionDenied as error:
            await self.error("forbidden", str(error) or _("You cannot do this."), message_id=message_id)
        except ValidationError as error:
            await self.error(error.code or "invalid", error.messages[0], message_id=message_id)

    async def on_edit(self, content):
        body = content.get("body")
        if not isinstance(body, str):
            await self.error("bad_frame", _("“body” must be text."))
            return
        try:
            services.message_check_lengths(body=body)
        except ValidationError as error:
            await self.error(error.code or "invalid", error.messages[0], message_id=_int(content.get("message")))
            return
        await self._message_action(content, "edit", body=body)

    async def on_delete(self, content):
        await self._message_action(content, "delete")

    async def on_react(self, content):
        emoji = content.get("emoji")
        if not isinstance(emoji, str):
            await self.error("bad_frame", _("“emoji” must be text."))
            return
        await self._message_action(content, "react", emoji=emoji)

    async def on_typing(self, content):
        room_id = self._room(content)
        if room_id is None:
            await self.error("forbidden_room", _("You are not a member of this room."))
            return
        if not self.user.show_presence:
            return  # typing would show that a member who hides their presence is online
        now = time.monotonic()
        if now - self.last_typing.get(room_id, 0) < TYPING_INTERVAL:
            return  # throttled quietly: typing is a hint, not data
        self.last_typing[room_id] = now
        await self.channel_layer.group_send(
            room_group(room_id),
            {"type": "chat.typing", "room": room_id, "user": self.user.pk, "name": self.user.display_name},
        )

    async def on_read(self, content):
        room_id, seq = self._room(content), _int(content.get("seq"))
        if room_id is None or seq is None:
            await self.error("bad_frame", _("“room” and “seq” are required."))
            return
        await _mark_read(self.user, room_id, seq)

    async def on_ping(self, content):
        now = int(time.time())
        if self._idle_for_too_long(now):
            # The page may have been used since; the session holds the latest page request.
            self.last_activity = max(self.last_activity, await _last_activity(self.scope) or 0)
            if self._idle_for_too_long(now):
                await self._log_out_idle()
                return
        for room_id in list(self.present_in):
            await self._presence(room_id, online=True, announce=False)
        await self.send_json({"type": "pong"})

    async def _presence(self, room_id: int, *, online: bool, announce: bool = True) -> None:
        if not self.user.show_presence:
            return  # the member chose not to appear online; they still read and write
        if online:
            self.present_in.add(room_id)
        else:
            self.present_in.discard(room_id)
        people = await database_sync_to_async(presence.update)(room_id, self.user.pk, self.user.display_name, online)
        if announce:
            await self.channel_layer.group_send(
                room_group(room_id), {"type": "chat.presence", "room": room_id, "online": people}
            )

    # Events from the channel layer -------------------------------------------------------

    async def chat_event(self, event):
        room_id = event["room"]
        if room_id not in self.rooms:
            return  # access lost since the event was sent
        if event["kind"] == "message":
            delivered = self.delivered.get(room_id, 0)
            if event["seq"] <= delivered:
                return  # already sent during catch-up
            if event["seq"] > delivered + 1:
                # Broadcasts from several processes can overtake each other: fill the gap
                # from the database so the client always sees sequence order.
                await self._catch_up(room_id, delivered, until=event["seq"])
                return
            self.delivered[room_id] = event["seq"]
        # Encoded once for every reader by the sender, or once per process for a language the
        # broadcast did not carry; only this reader's time zone may change the text (see
        # chat.rendering).
        fragment = None
        if self.language not in event["fragments"] and "message" in event:
            fragment = await _fragment_in(event, self.language)
        await self.send_text(rendering.frame_text(event, language=self.language, zone=self.zone, fragment=fragment))

    async def send_text(self, text: str) -> None:
        if getattr(self, "closing", False):
            return
        await super().send(text_data=text)

    async def chat_typing(self, event):
        if event["room"] in self.rooms and event["user"] != self.user.pk:
            await self.send_json(
                {"type": "typing", "room": event["room"], "user": event["user"], "name": event["name"]}
            )

    async def chat_presence(self, event):
        if event["room"] in self.rooms:
            await self.send_json({"type": "presence", "room": event["room"], "online": event["online"]})

    async def notification_new(self, event):
        # The same connection carries the member's notifications (sent by the notifications app).
        await self.send_json({"type": "notification", "id": event["id"], "kind": event["kind"], "url": event["url"]})

    async def access_revoked(self, event):
        await self.close(code=CLOSE_FORBIDDEN)

    async def access_changed(self, event):
        self.user = await _load_user(self.scope)
        if self.user is None or not permissions.is_active_member(self.user):
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.zone = time_zones.zone_of(self.user)
        state = await _room_state(self.user)
        removed = sorted(self.rooms - set(state))
        for room_id in removed:
            await self._unsubscribe(room_id)
        added = sorted(set(state) - self.rooms)
        await self._subscribe({pk: state[pk] for pk in added})
        await self.send_json(
            {
                "type": "rooms_changed",
                "removed": removed,
                "added": [{"id": pk, "last_seq": state[pk]} for pk in added],
            }
        )
