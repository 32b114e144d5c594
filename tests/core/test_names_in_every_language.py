"""The alliance's terms, forum categories and open/country chat rooms carry a name in every
interface language, filled from locale/names.json after migrate, and the interface shows it."""

import pytest
from django.conf import settings

from accounts.models import User
from chat.models import Room
from forum.models import Category
from taxonomy.models import Audience, Country, Language, ResourceType, Theme

pytestmark = pytest.mark.django_db

# English and Russian have their own columns; every other interface language lives in `names`.
OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code not in ("en", "ru")]


def _missing(rows, field="names"):
    return [
        (str(row.slug), code)
        for row in rows
        for code in OTHER_LANGUAGES
        if not str((getattr(row, field) or {}).get(code) or "").strip()
    ]


def test_the_other_languages_are_the_eight_seeded_ones():
    assert sorted(OTHER_LANGUAGES) == sorted(["kk", "ky", "tg", "uz", "uz-cyrl", "tk", "fa-af", "ps"])


@pytest.mark.parametrize("model", [Country, Language, Theme, ResourceType, Audience])
def test_every_active_term_is_named_in_every_language(model):
    terms = list(model.objects.filter(is_active=True))
    assert terms, f"no {model.__name__} seeded"
    assert _missing(terms) == []


def test_every_forum_category_is_named_in_every_language():
    categories = list(Category.objects.all())
    assert categories
    assert _missing(categories) == []


def test_every_forum_category_with_a_description_is_described_in_every_language():
    described = [category for category in Category.objects.all() if category.description_en]
    assert described
    assert _missing(described, field="descriptions") == []


def test_every_open_and_country_room_is_named_in_every_language():
    rooms = list(Room.objects.filter(kind__in=[Room.Kind.OPEN, Room.Kind.COUNTRY]))
    assert {room.kind for room in rooms} == {Room.Kind.OPEN, Room.Kind.COUNTRY}
    assert _missing(rooms) == []


def test_the_forum_index_shows_kazakh_category_names_to_a_kazakh_reader(member_client, member):
    User.objects.filter(pk=member.pk).update(ui_language="kk")
    response = member_client.get("/forum/")
    assert response.status_code == 200
    assert '<html lang="kk"' in response.text
    general = Category.objects.get(slug="general")
    assert general.names["kk"] == "Жалпы талқылау"
    assert "Жалпы талқылау" in response.text
    assert "General discussion" not in response.text
