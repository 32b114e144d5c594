from django.core.management.base import BaseCommand
from django.db import transaction

from search import registry


class Command(BaseCommand):
    help = "Rebuild the search index from the forum, library and chat (after a restore or an upgrade)."

    def handle(self, *args, **options):
        counts = {}
        with transaction.atomic():
            for source in registry.sources():
                counts[source.key] = source.reindex()
        self.stdout.write(", ".join(f"{n} {name}" for name, n in counts.items()) + " indexed.")
