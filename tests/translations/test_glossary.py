import pytest
from django.core.management import call_command
from django.urls import reverse

from translations.glossary import parse
from translations.models import GlossaryTerm
from translations.selectors import glossary_for

from .helpers import opening, russian_thread, speaker

pytestmark = pytest.mark.django_db

TABLE = """# Glossary

Prose | with a bar.

| English | Кыргызча | Note |
|---|---|---|
| survivor | жабыр тарткан адам | not «жабырлануучу» |
| safe shelter | коопсуз баш калкалоочу жай | |

| Word | Other |
|---|---|
| ignored | table |
"""


def test_parse_reads_the_english_tables_only():
    assert parse(TABLE) == [
        ("survivor", "жабыр тарткан адам", "not «жабырлануучу»"),
        ("safe shelter", "коопсуз баш калкалоочу жай", ""),
    ]


def test_the_command_seeds_every_language_with_russian_terms_and_keeps_edits():
    call_command("load_glossary")
    entry = GlossaryTerm.objects.get(language="ky", term="member")
    assert entry.translation.startswith("мүчө")
    assert entry.term_ru.startswith("участник")
    assert GlossaryTerm.objects.filter(language="fa-af").exists()
    entry.translation = "edited by a moderator"
    entry.save()
    call_command("load_glossary")
    entry.refresh_from_db()
    assert entry.translation == "edited by a moderator"


def test_entries_are_found_by_english_or_inflected_russian_terms():
    GlossaryTerm.objects.create(language="ky", term="survivor", term_ru="пострадавшая", translation="жабыр тарткан")
    GlossaryTerm.objects.create(language="ky", term="shelter", term_ru="убежище", translation="баш калкалоочу жай")
    found = glossary_for("ky", ["Как помочь пострадавшим в сёлах?"])
    assert [entry.term for entry in found] == ["survivor"]
    assert [entry.term for entry in glossary_for("ky", ["Our SHELTER is open"])] == ["shelter"]


def test_the_translation_form_shows_the_glossary_entries_of_the_original(client):
    GlossaryTerm.objects.create(language="ky", term="survivor", term_ru="пострадавшая", translation="жабыр тарткан")
    thread = russian_thread()
    client.force_login(speaker("ky"))
    page = client.get(reverse("translations:translate", args=["forum.post", opening(thread).pk]))
    assert "жабыр тарткан" in page.content.decode()


def test_the_glossary_page_lists_terms_by_language(client):
    GlossaryTerm.objects.create(language="ky", term="survivor", translation="жабыр тарткан")
    GlossaryTerm.objects.create(language="tg", term="survivor", translation="зарардида")
    client.force_login(speaker("ky"))
    page = client.get(reverse("translations:glossary") + "?language=ky").content.decode()
    assert "жабыр тарткан" in page and "зарардида" not in page
