"""What account deletion does to a member's chat messages (called by accounts.deletion).

Rooms keep their shape in both modes: every message keeps its sequence number, so clients
that resume from a known position still find the ones after it.
"""

from django.utils import timezone

from search import services as search

from .models import Message, Reaction, Room, RoomMember


def chat_erase_for(*, user, former_name: str, erase: bool, room_label: str) -> dict:
    """Anonymise the member's messages; with ``erase`` also replace their text by the
    deleted-message placeholder."""
    messages = Message.objects.filter(sender=user)
    ids = list(messages.values_list("pk", flat=True))
    if erase:
        messages.update(body="", body_html="", deleted_at=timezone.now(), updated_at=timezone.now())
        Message.mentions.through.objects.filter(message_id__in=ids).delete()
        # As when a member deletes one message: reactions to text that is gone go too.
        Reaction.objects.filter(message_id__in=ids).delete()
    # client_id only de-duplicates retried sends of a live sender.
    Message.objects.filter(pk__in=ids).update(sender=None, sender_name=former_name, client_id="")
    # Direct conversations are named after their participants.
    direct_rooms = Room.objects.filter(
        kind=Room.Kind.DIRECT, pk__in=RoomMember.objects.filter(user=user).values("room_id")
    )
    for room in direct_rooms:
        if user.display_name and user.display_name in room.name:
            room.name = room.name.replace(user.display_name, room_label)[:120]
            room.save(update_fields=["name", "updated_at"])
    for message in Message.objects.filter(pk__in=ids).select_related("room"):
        search.index_message(message)
    return {"messages": len(ids)}
