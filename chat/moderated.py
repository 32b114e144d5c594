"""How moderation acts on chat messages (registered in ``ChatConfig.ready``)."""

from django.db.models import Q

from moderation.registry import ModeratedKind, register

from . import services
from .models import Message


def _message_delete(*, actor, item: Message, reason: str) -> None:
    services.message_delete(actor=actor, message=item, reason=reason)


def register_moderated_kinds() -> None:
    register(
        ModeratedKind(
            model=Message,
            countries_of=lambda message: {message.room.country_id} - {None},
            scope_q=lambda country_ids: Q(room__country_id__in=country_ids),
            label=lambda message: f"message {message.pk} in room {message.room_id}",
            # A hidden chat message is a deleted one: rooms show no placeholder for hidden lines.
            hide=_message_delete,
            delete=_message_delete,
        )
    )
