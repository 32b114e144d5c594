from django.core.management.base import BaseCommand

from chat.services import messages_purge_expired


class Command(BaseCommand):
    help = (
        "Delete chat messages older than their room's retention period (rooms with "
        "'delete messages after' set). Schedule it, e.g. hourly from cron."
    )

    def handle(self, *args, **options):
        count = messages_purge_expired()
        self.stdout.write(f"Deleted {count} expired chat message(s).")
