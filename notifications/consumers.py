"""The bell's WebSocket: one small read-only connection per logged-in page that tells the
header how many unread notifications the member has, counted with the list's own selector.

It ends with the session like the chat connection: it joins the session's group (closed on
``session.ended``), re-checks the session on ``session.verify``, on every frame and at the
moment the session expires or passes the idle limit (a timer, since a quiet tab sends nothing),
and re-checks the member's status on connect, on every frame and before every count."""

import asyncio
import json
import logging
import time

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.utils import translation
from django.utils.translation import ngettext

from accounts.models import User
from accounts.permissions import is_active_member
from core.realtime import session_group, user_group
from core.socket_sessions import session_state

from .selectors import bell_group, unread_count

CLOSE_UNAUTHENTICATED = 4001
CLOSE_FORBIDDEN = 4003
MAX_FRAME_BYTES = 1024

logger = logging.getLogger(__name__)


def bell_label(count: int) -> str:
    if not count:
        return translation.gettext("No unread notifications")
    return ngettext("%(count)s unread notification", "%(count)s unread notifications", count) % {"count": count}


@database_sync_to_async
def _member_and_session(scope) -> tuple[User | None, float | None]:
    """The connection's member, fresh from the database, and the time at which the session it
    was opened with stops authenticating them (its expiry or idle limit), or None when it
    already has. An open bell is not activity: past the idle limit the session is over for it
    too."""
    user = scope.get("user")
    if user is None or not user.is_authenticated:
        return None, None
    user = User.objects.filter(pk=user.pk).first()
    if user is None:
        return None, None
    state = session_state(scope, user.pk, user=user)
    ends_at = state.ends_at() if state is not None else None
    return user, (ends_at if ends_at is not None and ends_at > time.time() else None)


@database_sync_to_async
def _count_frame(user_id: int) -> dict | None:
    """The count frame in the member's language, or None when they may no longer see it."""
    user = User.objects.filter(pk=user_id).first()
    if user is None or not is_active_member(user):
        return None
    count = unread_count(user)
    with translation.override(user.ui_language or settings.LANGUAGE_CODE):
        return {"type": "count", "unread": count, "label": bell_label(count)}


class BellConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.closing = False
        self.user = None
        self.watch = None
        self.session_key = getattr(self.scope.get("session"), "session_key", None)
        if self.session_key:
            # Joined before the session is checked, so an end signalled meanwhile is not missed.
            await self.channel_layer.group_add(session_group(self.session_key), self.channel_name)
        user, ends_at = await _member_and_session(self.scope)
        if user is None or ends_at is None:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        if not is_active_member(user):
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.user = user
        await self.accept()
        await self.channel_layer.group_add(user_group(user.pk), self.channel_name)
        await self.channel_layer.group_add(bell_group(user.pk), self.channel_name)
        self.watch = asyncio.ensure_future(self._watch_session(ends_at))
        await self._send_count()

    async def _watch_session(self, ends_at: float) -> None:
        """Check again when the session would expire or pass the idle limit: a page request
        meanwhile may have moved that moment on, otherwise the connection closes."""
        while not self.closing:
            await asyncio.sleep(max(ends_at - time.time(), 0) + 0.5)
            try:
                user, next_end = await _member_and_session(self.scope)
            except Exception:
                # E.g. the database briefly unavailable: try again soon rather than never.
                logger.exception("bell session check failed")
                ends_at = time.time() + 30
                continue
            if user is None or next_end is None:
                await self.close(code=CLOSE_UNAUTHENTICATED)
                return
            ends_at = next_end

    async def disconnect(self, code):
        self.closing = True
        if getattr(self, "watch", None) is not None:
            self.watch.cancel()
        if self.session_key:
            await self.channel_layer.group_discard(session_group(self.session_key), self.channel_name)
        if self.user is not None:
            await self.channel_layer.group_discard(user_group(self.user.pk), self.channel_name)
            await self.channel_layer.group_discard(bell_group(self.user.pk), self.channel_name)

    async def close(self, code=None, reason=None):
        if getattr(self, "closing", False):
            return
        self.closing = True
        await super().close(code=code, reason=reason)

    async def _send_count(self) -> None:
        if self.closing:
            return
        frame = await _count_frame(self.user.pk)
        if frame is None:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        await self.send_json(frame)

    async def _still_allowed(self) -> bool:
        user, ends_at = await _member_and_session(self.scope)
        if user is None or ends_at is None:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return False
        if not is_active_member(user):
            await self.close(code=CLOSE_FORBIDDEN)
            return False
        return True

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        # The client only pings (to keep proxies from dropping an idle connection) or asks for
        # the count again; every frame re-checks the session and the member's status.
        if self.closing or not await self._still_allowed():
            return
        if text_data is None or len(text_data) > MAX_FRAME_BYTES:
            await self.close(code=1009)
            return
        try:
            frame = json.loads(text_data)
        except ValueError:
            frame = None
        kind = frame.get("type") if isinstance(frame, dict) else None
        if kind == "count":
            await self._send_count()
        elif kind == "ping":
            await self.send_json({"type": "pong"})
        else:
            await self.send_json({"type": "error", "code": "bad_frame"})

    # Events from the channel layer ------------------------------------------------------

    async def bell_changed(self, event):
        await self._send_count()

    async def session_ended(self, event):
        await self.close(code=CLOSE_UNAUTHENTICATED)

    async def session_verify(self, event):
        await self._still_allowed()

    async def access_revoked(self, event):
        await self.close(code=CLOSE_FORBIDDEN)

    async def access_changed(self, event):
        await self._still_allowed()

    async def notification_new(self, event):
        """For the chat connection, which shares the member's group; ``bell.changed`` counts."""
