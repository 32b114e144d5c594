"""Chat's section of the home page: the rooms the member takes part in that have messages
they have not read (rooms they never opened are not "theirs" yet)."""

from django.db.models import Exists, OuterRef

from core.dashboard import register_dashboard_section

from .models import RoomMember
from .selectors import name_direct_rooms, rooms_for

SHOWN = 5


def chat_changes(user, since) -> dict | None:
    rooms = name_direct_rooms(
        list(
            rooms_for(user)
            .filter(Exists(RoomMember.objects.filter(room=OuterRef("pk"), user_id=user.pk)), unread__gt=0)
            .order_by("-unread", "id")[:SHOWN]
        ),
        user,
    )
    return {"unread_rooms": rooms} if rooms else None


def register_dashboard() -> None:
    register_dashboard_section("chat", order=40, selector=chat_changes, template="chat/_dashboard.html")
