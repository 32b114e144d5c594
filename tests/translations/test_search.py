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


# Results in the reader's language


def result_for(user, query, obj_kind, object_id, language):
    results = selectors.search(user, query, language=language).results
    return next(r for r in results if (r.document.kind, r.document.object_id) == (obj_kind, object_id))


def test_a_result_shows_the_translation_into_the_readers_language():
    thread = russian_thread()
    translate_opening(thread)
    result = result_for(speaker("en"), "Айылдарда", "post", opening(thread).pk, "ky")
    assert result.title == "Айылдардагы коопсуздук планы"
    assert "Айылдарда" in result.snippet
    assert (result.translation.language, result.translation.dir) == ("ky", "ltr")


def test_a_reader_in_another_language_sees_the_original():
    thread = russian_thread()
    translate_opening(thread)
    result = result_for(speaker("en"), "Айылдарда", "post", opening(thread).pk, "en")
    assert result.translation is None
    assert result.title == thread.title


def test_the_thread_result_takes_its_title_from_the_opening_posts_translation():
    thread = russian_thread()
    translate_opening(thread)
    result = result_for(speaker("en"), "Планирование", "thread", thread.pk, "ky")
    assert result.title == "Айылдардагы коопсуздук планы"


def test_a_translated_reply_under_an_untranslated_title_keeps_the_original_title():
    thread = russian_thread()
    reply = forum.reply(thread, thread.author, body="Мы используем карту рисков в каждом селе.")
    services.translation_save(
        translator=speaker("ky"),
        kind_key="forum.post",
        object_id=reply.pk,
        language="ky",
        fields={"body": "Биз ар бир айылда тобокелдик картасын колдонобуз."},
    )
    result = result_for(speaker("en"), "тобокелдик", "post", reply.pk, "ky")
    assert result.title == thread.title
    assert not result.translation.title
    assert "тобокелдик" in result.snippet


def test_a_hidden_translation_is_never_shown_in_results(admin_user):
    thread = russian_thread()
    translation = translate_opening(thread)
    services.translation_hide(actor=admin_user, translation=translation, reason="wrong")
    result = result_for(speaker("en"), "Планирование", "post", opening(thread).pk, "ky")
    assert result.translation is None


def test_a_resource_result_reads_right_to_left_in_dari():
    from tests.resources.factories import make_resource

    resource = make_resource(title="Toolkit on referral pathways", languages=[], summary="Referral pathways.")
    from taxonomy.models import Language

    resource.languages.set(Language.objects.filter(slug="en"))
    services.translation_save(
        translator=speaker("fa-af"),
        kind_key="resources.resource",
        object_id=resource.pk,
        language="fa-af",
        fields={"title": "رهنمای مسیرهای ارجاع", "summary": "مسیرهای ارجاع.", "description": "با احتیاط."},
    )
    result = result_for(speaker("en"), "referral", "resource", resource.pk, "fa-af")
    assert result.title == "رهنمای مسیرهای ارجاع"
    assert (result.translation.language, result.translation.dir) == ("fa-af", "rtl")


def test_the_results_page_marks_a_translated_result_with_its_language(client):
    thread = russian_thread()
    translate_opening(thread)
    reader = speaker("en", ui_language="ky")
    client.force_login(reader)
    page = client.get("/search/", {"q": "Айылдарда"}, follow=True, HTTP_ACCEPT_LANGUAGE="ky").content.decode()
    assert 'lang="ky" dir="ltr">Айылдардагы коопсуздук планы</a>' in page
    assert "translated-marker" in page


@pytest.mark.parametrize("count", [1, 12])
def test_the_results_page_costs_the_same_queries_with_translations(client, count, django_assert_num_queries):
    reader = speaker("en", ui_language="ky")
    for index in range(count):
        thread = forum.thread(reader, title=f"Планирование {index}", body=f"Сёла и планы номер {index}.")
        translate_opening(thread, language="ky", title=f"План {index}", body=f"Айылдар жана пландар {index}.")
    client.force_login(reader)
    address = client.post("/search/", {"q": "Айылдар"})["Location"]
    client.get(address)
    # The matches per kind come from the cache the first request filled.
    with django_assert_num_queries(6):
        page = client.get(address).content.decode()
    assert page.count("translated-marker") >= count
