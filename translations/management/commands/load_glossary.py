"""Seed the glossary from the interface translators' ``locale/<locale>/GLOSSARY.md``.

Entries moderators already keep are left as they are unless ``--update`` is given; the
Russian glossary also gives every other language's entry its Russian term."""

from django.core.management.base import BaseCommand
from django.db import transaction

from translations.glossary import glossary_files, parse
from translations.models import GlossaryTerm
from translations.permissions import CODES


class Command(BaseCommand):
    help = "Load glossary terms from locale/<locale>/GLOSSARY.md"

    def add_arguments(self, parser):
        parser.add_argument("--update", action="store_true", help="overwrite entries that already exist")

    @transaction.atomic
    def handle(self, *args, update=False, **options):
        files = glossary_files()
        russian = {}
        if "ru" in files:
            russian = {term.casefold(): translation for term, translation, _note in parse(files["ru"].read_text())}
        created = updated = 0
        for code, path in files.items():
            if code not in CODES:
                continue
            for term, translation, note in parse(path.read_text()):
                values = {"translation": translation, "note": note, "term_ru": russian.get(term.casefold(), "")[:200]}
                entry, made = GlossaryTerm.objects.get_or_create(language=code, term=term, defaults=values)
                if made:
                    created += 1
                elif update:
                    for field, value in values.items():
                        setattr(entry, field, value)
                    entry.save()
                    updated += 1
        self.stdout.write(f"glossary: {created} created, {updated} updated")
