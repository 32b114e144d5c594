from django_tasks import task

from accounts.models import User

from .emails import send_summary_email
from .models import Notification


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """Send the immediate emails for freshly created notifications, one per member."""
    pending = list(Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True, read_at__isnull=True))
    by_recipient: dict[int, list[Notification]] = {}
    for notification in pending:
        by_recipient.setdefault(notification.recipient_id, []).append(notification)
    sent = 0
    for user in User.objects.active_members().filter(pk__in=by_recipient):
        sent += send_summary_email(user, by_recipient[user.pk])
    return sent
