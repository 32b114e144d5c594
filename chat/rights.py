"""Chat's part in members' rights: erasure and export (registered in ``ChatConfig.ready``)."""

from accounts.deletion import former_member_name
from accounts.rights import ExportPart, iso, register_erasure, register_export

from .attachments import attachments_erase, attachments_export
from .erasure import chat_erase_for
from .models import Message, RoomMember
from .models import Reaction as ChatReaction


def _erase(*, user, erase: bool) -> dict:
    # Direct conversations named after the member are renamed in the site's language.
    return chat_erase_for(user=user, former_name="", erase=erase, room_label=former_member_name()[:80])


def chat_export(user) -> ExportPart:
    # Only the member's own messages: what others wrote, even to them, is theirs.
    messages = [
        {
            "id": message.pk,
            "room": message.room.slug,
            "room_name": message.room.name,
            "seq": message.seq,
            "body": message.body,
            "created_at": iso(message.created_at),
            "edited_at": iso(message.edited_at),
            "deleted_at": iso(message.deleted_at),
        }
        for message in Message.objects.filter(sender=user).select_related("room").order_by("pk").iterator(2000)
    ]
    reactions = [
        {"message": message_id, "emoji": emoji, "at": iso(at)}
        for message_id, emoji, at in ChatReaction.objects.filter(user=user)
        .order_by("pk")
        .values_list("message_id", "emoji", "created_at")
    ]
    rooms = [
        {"room": slug, "role": role, "muted_until": iso(muted)}
        for slug, role, muted in RoomMember.objects.filter(user=user, is_participant=True)
        .order_by("pk")
        .values_list("room__slug", "role", "muted_until")
    ]
    return ExportPart({"messages": messages, "reactions": reactions, "rooms": rooms})


def register_rights() -> None:
    register_erasure("chat", _erase, order=20)
    register_export("chat", chat_export, order=20)
    register_erasure("chat_attachments", attachments_erase, order=21)
    register_export("chat_attachments", attachments_export, order=21)
