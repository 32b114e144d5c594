"""Chat messages in search (registered in ``ChatConfig.ready``)."""

from django.db.models import Q

from search import services as search
from search.models import Document
from search.registry import SearchSource, register

from .models import Message, Room


def _visible_q(user) -> Q:
    return Q(kind=Document.Kind.MESSAGE, room_id__in=Room.objects.visible_to(user).values("pk"))


def _reindex() -> int:
    count = 0
    for message in Message.objects.select_related("room").iterator(chunk_size=500):
        search.index_message(message)
        count += 1
    return count


def register_search() -> None:
    register(SearchSource(key="messages", visible_q=_visible_q, reindex=_reindex, order=30))
