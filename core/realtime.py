"""Signals to a member's open WebSocket connections, sent after the database commit.

Every connection of a member joins ``user_group(user_id)``. A consumer that receives
``access.revoked`` closes; one that receives ``access.changed`` re-reads the member's rights;
one that receives ``session.verify`` checks that its session still authenticates the member.

Every connection also joins ``session_group(session_key)`` of the session it was opened with,
and closes on ``session.ended``, sent whenever that session is deleted from the store.
"""

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def session_group(session_key: str) -> str:
    # A keyed hash: group names are visible in Redis and logs, the session key is a credential.
    return "session." + salted_hmac("core.realtime.session_group", session_key, algorithm="sha256").hexdigest()


def group_send(group: str, message: dict) -> None:
    """Send to a channel-layer group from synchronous code, never failing the caller: the data
    is already stored, and clients that miss a broadcast catch up when they reconnect."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            async_to_sync(layer.group_send)(group, message)
        else:
            # A synchronous caller inside an event loop's thread cannot block on it: schedule.
            loop.create_task(layer.group_send(group, message))
    except Exception:
        logger.exception("broadcast to %s failed", group)


def _send(user_id: int, message: dict) -> None:
    group_send(user_group(user_id), message)


def user_access_revoked_on_commit(user_id: int) -> None:
    transaction.on_commit(lambda: _send(user_id, {"type": "access.revoked"}))


def user_access_changed_on_commit(user_id: int) -> None:
    transaction.on_commit(lambda: _send(user_id, {"type": "access.changed"}))


def session_ended_on_commit(session_key: str) -> None:
    transaction.on_commit(lambda: group_send(session_group(session_key), {"type": "session.ended"}))


def user_sessions_verify_on_commit(user_id: int) -> None:
    """Ask every open connection of the member to check its session's authentication hash
    (after a password change: sessions no list knows of end by that hash alone)."""
    transaction.on_commit(lambda: _send(user_id, {"type": "session.verify"}))
