"""The alliance's rooms are described in every interface language, like their names; rooms
members create keep the description they typed."""

import pytest
from django.conf import settings
from django.utils import translation

from chat.models import Room

ENGLISH = "Cross-border exchange between members"


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES if code != "en"])
def test_the_seeded_room_description_is_in_every_language(db, language):
    room = Room.objects.get(slug="regional-exchange")
    with translation.override(language):
        assert room.display_description and room.display_description != ENGLISH


def test_a_members_room_keeps_its_own_description(db):
    room = Room(name="Shelter coordinators", description="Free places")
    with translation.override("kk"):
        assert room.display_description == "Free places"


def test_the_room_page_shows_the_description_in_the_members_language(member_client):
    room = Room.objects.get(slug="regional-exchange")
    member_client.cookies["django_language"] = "ru"
    response = member_client.get(room.get_absolute_url())
    assert response.status_code == 200
    text = response.text
    assert "Обмен опытом между участниками" in text and ENGLISH not in text
