from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from taxonomy.seed_names import NAMES_FILE, load_names


class Command(BaseCommand):
    help = (
        "Fill the names and descriptions of the seeded terms, forum categories and chat rooms "
        "from locale/names.json, only where a language's text is missing or empty."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument("--file", default=str(NAMES_FILE), help="the data file to read")

    def handle(self, *args, database, file, **options):
        changed = load_names(using=database, path=file)
        self.stdout.write(f"{changed} rows given missing names.")
