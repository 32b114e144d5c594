from django.core.management.base import BaseCommand
from django.db import transaction

from search import services


class Command(BaseCommand):
    help = "Rebuild the search index from the forum, library and chat (after a restore or an upgrade)."

    def handle(self, *args, **options):
        from chat.models import Message
        from forum.models import Thread
        from resources.models import Resource

        counts = {"threads": 0, "resources": 0, "messages": 0}
        with transaction.atomic():
            for thread in Thread.objects.select_related("category").prefetch_related("posts").iterator(chunk_size=200):
                services.index_thread(thread)
                counts["threads"] += 1
            for resource in Resource.objects.iterator(chunk_size=200):
                services.index_resource(resource)
                counts["resources"] += 1
            for message in Message.objects.select_related("room").iterator(chunk_size=500):
                services.index_message(message)
                counts["messages"] += 1
        self.stdout.write(", ".join(f"{n} {name}" for name, n in counts.items()) + " indexed.")
