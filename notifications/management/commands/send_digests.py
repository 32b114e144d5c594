from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.models import User
from notifications.emails import send_summary_email
from notifications.models import Delivery, Notification
from notifications.selectors import kinds_with_delivery

PERIODS = {"daily": (Delivery.DAILY, timedelta(days=1)), "weekly": (Delivery.WEEKLY, timedelta(days=7))}


class Command(BaseCommand):
    help = (
        "Email each member a digest of unread notifications they chose to receive daily or weekly. "
        "Schedule it: daily every morning, weekly once a week."
    )

    def add_arguments(self, parser):
        parser.add_argument("period", choices=sorted(PERIODS))

    def handle(self, *args, period, **options):
        delivery, window = PERIODS[period]
        since = timezone.now() - window
        recipients = (
            Notification.objects.filter(emailed_at__isnull=True, read_at__isnull=True, created_at__gte=since)
            .values_list("recipient_id", flat=True)
            .distinct()
        )
        sent = 0
        for user in User.objects.active_members().filter(pk__in=recipients).iterator():
            kinds = kinds_with_delivery(user, delivery)
            if not kinds:
                continue
            notifications = list(
                Notification.objects.filter(
                    recipient=user, kind__in=kinds, emailed_at__isnull=True, read_at__isnull=True, created_at__gte=since
                )[:200]
            )
            sent += send_summary_email(user, notifications, digest=period)
        self.stdout.write(f"{sent} {period} digests sent.")
