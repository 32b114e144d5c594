from django.core.management.base import BaseCommand

from resources.partial_uploads import expired_remove, orphans_remove


class Command(BaseCommand):
    help = (
        "Delete library uploads left unfinished for longer than UPLOAD_PARTIAL_HOURS, and stored "
        "pieces that no upload refers to. Schedule it, e.g. hourly from cron."
    )

    def handle(self, *args, **options):
        expired = expired_remove()
        orphans = orphans_remove()
        self.stdout.write(f"Deleted {expired} expired upload(s) and {orphans} orphaned piece file(s).")
