"""Signals to a member's open WebSocket connections, sent after the database commit.

Every connection of a member joins ``user_group(user_id)``. A consumer that receives
``access.revoked`` closes; one that receives ``access.changed`` re-reads the member's rights.
"""

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


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
