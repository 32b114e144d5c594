import polib
import pytest
from django.conf import settings
from django.utils import translation

CATALOGUES = [
    settings.BASE_DIR / "forum/locale/ru/LC_MESSAGES/django.po",
    settings.BASE_DIR / "forum/locale/ru/LC_MESSAGES/djangojs.po",
]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_the_russian_catalogue_is_complete(path):
    catalogue = polib.pofile(str(path))
    assert not catalogue.untranslated_entries()
    assert not catalogue.fuzzy_entries()


@pytest.mark.django_db
def test_the_forum_speaks_russian(member_client):
    with translation.override("ru"):
        response = member_client.get("/forum/", HTTP_ACCEPT_LANGUAGE="ru")
    assert "Начать тему" in response.text
