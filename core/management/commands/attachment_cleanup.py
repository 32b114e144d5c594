from django.core.management.base import BaseCommand

from core.files.cleanup import unattached_remove


class Command(BaseCommand):
    help = (
        "Delete pictures and files uploaded for a forum post or chat message that was never published, "
        "once ATTACHMENT_UNATTACHED_HOURS have passed and no saved draft refers to them. Schedule it hourly."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Deleted {unattached_remove()} unattached upload(s).")
