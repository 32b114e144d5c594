"""The seeded names in every interface language come from one data file, locale/names.json,
filled in after migrate and by `manage.py load_names`, where a moderator's edit wins."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from chat.models import Room
from forum.models import Category
from taxonomy.models import Audience, Country, Language, ResourceType, Theme
from taxonomy.seed_names import NAMES_FILE, load_names

LANGUAGES = {"ru", "kk", "ky", "tg", "uz", "uz-cyrl", "tk", "fa-af", "ps"}

# The slugs the seed migrations create (taxonomy 0002, forum 0002, chat 0002), frozen here.
SEEDED = {
    "taxonomy.country": ["kz", "kg", "tj", "tm", "uz", "af", "regional", "global"],
    "taxonomy.language": ["ru", "en", "kk", "ky", "tg", "uz", "uz-cyrl", "tk", "fa-af", "ps"],
    "taxonomy.resourcetype": [
        "guideline", "toolkit", "curriculum", "research", "data", "law-policy", "good-practice",
        "campaign", "template", "multimedia", "event-record",
    ],
    "taxonomy.theme": [
        "laws-policies", "institutions", "prevention", "essential-services", "quality-data",
        "civil-society", "domestic-ipv", "sexual-violence", "early-forced-marriage",
        "harmful-practices", "tfgbv", "trafficking-migration", "harassment", "femicide",
        "respect-relationship-skills", "respect-empowerment", "respect-services", "respect-poverty",
        "respect-environments", "respect-child-abuse", "respect-attitudes", "health",
        "justice-policing", "social-services", "coordination",
    ],
    "taxonomy.audience": [
        "cso", "service-providers", "justice-police", "government", "un-donors", "media", "youth",
        "researchers", "faith-community",
    ],
    "forum.category": [
        "general", "prevention", "survivor-services", "access-to-justice", "laws-and-policy",
        "data-and-research", "youth", "kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan",
        "uzbekistan", "afghanistan", "alliance-coordination",
    ],
    "chat.room": [
        "regional-exchange", "laws-policies", "institutions", "prevention", "essential-services",
        "quality-data", "civil-society", "country-kz", "country-kg", "country-tj", "country-tm",
        "country-uz", "country-af",
    ],
}  # fmt: skip
# Seeded rows that have an English description.
DESCRIBED = {
    "forum.category": [
        "general", "prevention", "survivor-services", "access-to-justice", "laws-and-policy",
        "data-and-research", "youth", "alliance-coordination",
    ],
    "chat.room": ["regional-exchange"],
}  # fmt: skip


def _data():
    return json.loads(NAMES_FILE.read_text(encoding="utf-8"))


def _gaps(field, kinds):
    data = _data()
    return [
        (kind, slug, lang)
        for kind, slugs in kinds.items()
        for slug in slugs
        for lang in sorted(LANGUAGES)
        if not data.get(kind, {}).get(slug, {}).get(field, {}).get(lang, "").strip()
    ]


def test_the_data_file_names_every_seeded_slug_in_all_nine_languages():
    assert _gaps("name", SEEDED) == []


def test_the_data_file_describes_every_described_seeded_slug_in_all_nine_languages():
    assert _gaps("description", DESCRIBED) == []


def test_the_data_file_holds_no_unknown_kind_slug_field_or_language():
    data = _data()
    assert set(data) == set(SEEDED)
    for kind, slugs in data.items():
        assert set(slugs) <= set(SEEDED[kind]), kind
        for fields in slugs.values():
            assert set(fields) <= {"name", "description"}
            for texts in fields.values():
                assert set(texts) == LANGUAGES


def test_the_data_file_stays_readable_for_translators():
    text = NAMES_FILE.read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert '"kk": "Жалпы талқылау"' in text  # letters, not \u escapes


@pytest.mark.django_db
def test_a_fresh_database_carries_the_names_of_the_data_file():
    general = Category.objects.get(slug="general")
    assert general.name_ru == "Общее обсуждение"
    assert general.names["tk"] == "Umumy pikir alyşma"
    assert general.descriptions["kk"].startswith("Басқа санаттарға")
    room = Room.objects.get(slug="regional-exchange")
    assert room.description_ru == "Обмен опытом между участниками из разных стран"
    assert room.descriptions["kk"] == "Түрлі елдердегі мүшелер арасындағы тәжірибе алмасу"
    assert Country.objects.get(slug="kz").names["ps"] == "قزاقستان"
    for model in (Country, Language, Theme, ResourceType, Audience):
        assert not model.objects.exclude(names__has_key="fa-af").exists(), model


@pytest.mark.django_db
def test_a_moderators_edit_wins_and_only_missing_or_empty_texts_are_filled():
    general = Category.objects.get(slug="general")
    general.name_ru = "Общий раздел"
    general.names = {**general.names, "kk": "Жалпы бөлім", "ky": ""}
    general.names.pop("ps")
    general.save()
    room = Room.objects.get(slug="regional-exchange")
    room.description_ru = ""
    room.descriptions = {"uz": "Tahrirlangan"}
    room.save()

    assert load_names() == 2

    general.refresh_from_db()
    assert general.name_ru == "Общий раздел"
    assert general.names["kk"] == "Жалпы бөлім"
    assert general.names["ky"] == "Жалпы талкуу"
    assert general.names["ps"] == "عمومي بحث"
    room.refresh_from_db()
    assert room.description_ru == "Обмен опытом между участниками из разных стран"
    assert room.descriptions["uz"] == "Tahrirlangan"
    assert room.descriptions["tg"] == "Мубодилаи таҷриба байни аъзоён аз кишварҳои гуногун"


@pytest.mark.django_db
def test_rooms_members_create_keep_the_name_they_were_given():
    seeded = Room.objects.get(slug="country-kz")
    Room.objects.filter(pk=seeded.pk).update(kind=Room.Kind.PRIVATE, names={})
    load_names()
    seeded.refresh_from_db()
    assert seeded.names == {}


@pytest.mark.django_db
def test_the_command_is_idempotent_and_fills_everything_in_a_few_queries(django_assert_max_num_queries):
    for model in (Country, Language, Theme, ResourceType, Audience, Category, Room):
        model.objects.update(names={})
    Category.objects.update(descriptions={})

    out = StringIO()
    # One read and one bulk update per kind, whatever the number of rows.
    with django_assert_max_num_queries(16):
        call_command("load_names", stdout=out)
    assert out.getvalue().startswith("90 rows")  # every seeded row
    assert Theme.objects.get(slug="femicide").names["uz-cyrl"]

    snapshot = {row.pk: (row.names, row.descriptions) for row in Category.objects.all()}
    out = StringIO()
    with django_assert_max_num_queries(9):
        call_command("load_names", stdout=out)
    assert out.getvalue().startswith("0 rows")
    assert {row.pk: (row.names, row.descriptions) for row in Category.objects.all()} == snapshot
