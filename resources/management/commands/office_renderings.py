from django.core.management.base import BaseCommand, CommandError

from resources import office
from resources.models import FileVersion
from resources.renderings import rendering_generate
from resources.thumbnails import thumbnail_generate


class Command(BaseCommand):
    help = (
        "Render to PDF the office files (Word, Excel, PowerPoint, OpenDocument) that have no "
        "rendering yet, such as files shared before LibreOffice was installed, so members can "
        "read them page by page. One file at a time; run it once after installing LibreOffice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=0, help="Render at most this many files (0: all).")

    def handle(self, *args, limit: int = 0, **options):
        if not office.available():
            raise CommandError("LibreOffice (soffice) is not installed, so nothing can be rendered.")
        waiting = FileVersion.objects.filter(kind__in=office.OFFICE_KINDS, rendering="").order_by("pk")
        ids = list(waiting.values_list("pk", flat=True)[:limit] if limit > 0 else waiting.values_list("pk", flat=True))
        rendered = 0
        for pk in ids:
            if rendering_generate(pk):
                rendered += 1
                thumbnail_generate(pk)
        self.stdout.write(f"Rendered {rendered} of {len(ids)} office file(s); the others stay downloadable only.")
