import pytest

from search import selectors
from tests.forum import factories as forum
from translations import services

from .helpers import opening, russian_thread, speaker, translate_opening

pytestmark = pytest.mark.django_db


def found(user, query):
    return {(r.document.kind, r.document.object_id) for r in selectors.search(user, query).results}


def test_a_thread_is_found_by_the_words_of_its_translation(admin_user):
    thread = russian_thread()
    reader = speaker("en")
    assert ("post", opening(thread).pk) not in found(reader, "Айылдарда")
    translation = translate_opening(thread)
    assert ("post", opening(thread).pk) in found(reader, "Айылдарда")
    # A hidden translation no longer finds it.
    services.translation_hide(actor=admin_user, translation=translation, reason="wrong")
    assert ("post", opening(thread).pk) not in found(reader, "Айылдарда")


def test_the_original_visibility_decides_who_finds_it_by_a_translation():
    from taxonomy.models import Country

    thread = russian_thread(category=forum.restricted_category())
    kg = Country.objects.get(slug="kg")
    translate_opening(thread, speaker("ky", country=kg))
    assert ("post", opening(thread).pk) in found(speaker("en", country=kg), "Айылдарда")
    assert ("post", opening(thread).pk) not in found(speaker("en"), "Айылдарда")  # Kazakhstan
