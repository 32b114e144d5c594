"""Work a chat message sets in motion that its readers need not wait for: the search document
and the notifications (mentions, direct messages). Enqueued after the commit and after the
broadcast, so readers see a message as soon as it is stored; run at once by the embedded
default and by ``manage.py db_worker`` with ``TASKS_BACKEND=database``."""

from django_tasks import task

from . import activity
from .models import Message


@task()
def message_posted_followup(message_id: int, mentioned_ids: list[int]) -> bool:
    """Index the message and notify the people it concerns. False when it is gone already
    (deleted with its room, or purged), which is not an error."""
    message = Message.objects.select_related("room", "sender").filter(pk=message_id).first()
    if message is None or message.is_deleted:
        return False
    activity.message_posted(message=message, room=message.room, mentioned_ids=mentioned_ids)
    return True
