"""Signals to a member's open WebSocket connections, sent after the database commit.

Every connection of a member joins ``user_group(user_id)``. A consumer that receives
``access.revoked`` closes; one that receives ``access.changed`` re-reads the member's rights.
"""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def _send(user_id: int, message: dict) -> None:
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(user_group(user_id), message)


def user_access_revoked_on_commit(user_id: int) -> None:
    transaction.on_commit(lambda: _send(user_id, {"type": "access.revoked"}))


def user_access_changed_on_commit(user_id: int) -> None:
    transaction.on_commit(lambda: _send(user_id, {"type": "access.changed"}))
