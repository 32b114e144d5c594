import pytest
from django.urls import reverse

from forum import services as forum_services
from forum.models import Post
from tests.factories import UserFactory
from tests.forum import factories as forum
from translations.models import Translation, TranslationRequest

from .helpers import RUSSIAN_BODY, opening, russian_thread, speaker, translate_opening

pytestmark = pytest.mark.django_db


def _as_kyrgyz(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "ky"
    user.ui_language = "ky"
    user.save(update_fields=["ui_language"])


def test_the_thread_page_shows_the_translation_with_attribution_and_switch(client):
    thread = russian_thread()
    translate_opening(thread, speaker("ky", display_name="Aigerim"))
    reader = UserFactory()
    _as_kyrgyz(client, reader)
    page = client.get(thread.get_absolute_url() + "?page=1").content.decode()
    assert "Айылдарда коопсуздук планын кантип түзөсүз?" in page
    assert 'lang="ky"' in page and 'dir="ltr"' in page
    assert "Aigerim" in page and "original=1" in page
    assert RUSSIAN_BODY not in page
    original = client.get(thread.get_absolute_url() + "?page=1&original=1").content.decode()
    assert RUSSIAN_BODY in original


def test_the_thread_page_marks_an_outdated_translation(client):
    thread = russian_thread()
    translate_opening(thread)
    post = opening(thread)
    forum_services.post_edit(editor=post.author, post=post, body="Новый текст")
    _as_kyrgyz(client, UserFactory())
    page = client.get(thread.get_absolute_url() + "?page=1")
    assert Translation.objects.get().status == Translation.Status.OUTDATED
    assert page.context["translated"][post.pk].is_outdated


def test_a_dari_translation_is_right_to_left(client):
    thread = russian_thread()
    translate_opening(thread, speaker("fa-af"), language="fa-af", title="برنامه ایمنی", body="برنامه ایمنی در روستاها")
    reader = UserFactory()
    client.force_login(reader)
    reader.ui_language = "fa-af"
    reader.save(update_fields=["ui_language"])
    client.cookies["django_language"] = "fa-af"
    page = client.get(thread.get_absolute_url() + "?page=1").content.decode()
    assert 'dir="rtl" lang="fa-af"' in page


@pytest.mark.parametrize("replies", [3, 30])
def test_the_thread_page_reads_all_translations_in_one_query(client, replies, django_assert_num_queries):
    thread = russian_thread()
    translate_opening(thread)
    for _n in range(replies):
        reply = forum.reply(thread, body="Ответ на русском языке")
        translator = speaker("ky")
        from translations import services

        services.translation_save(
            translator=translator, kind_key="forum.post", object_id=reply.pk, language="ky", fields={"body": "Жооп"}
        )
    reader = UserFactory()
    _as_kyrgyz(client, reader)
    url = thread.get_absolute_url() + "?page=1"
    client.get(url)
    baseline = _count_without_translations(client, url)
    with django_assert_num_queries(baseline + 1):
        assert client.get(url).status_code == 200


def _count_without_translations(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len([q for q in captured.captured_queries if "translations_translation" not in q["sql"]])


def test_translate_page_saves_and_redirects_to_the_original(client):
    thread = russian_thread()
    post = opening(thread)
    translator = speaker("ky")
    client.force_login(translator)
    url = reverse("translations:translate", args=["forum.post", post.pk])
    page = client.get(url)
    assert page.status_code == 200 and RUSSIAN_BODY in page.content.decode()
    response = client.post(url, {"language": "ky", "title": "Аталыш бул жерде", "body": "Котормо"})
    assert response.status_code == 302 and response["Location"] == post.get_absolute_url()
    assert Translation.objects.get().fields["body"] == "Котормо"


def test_translate_page_keeps_what_was_typed_on_error(client):
    thread = russian_thread()
    client.force_login(speaker("ky"))
    url = reverse("translations:translate", args=["forum.post", opening(thread).pk])
    response = client.post(url, {"language": "ky", "title": "", "body": "Сакталган текст"})
    assert response.status_code == 200
    assert "Сакталган текст" in response.content.decode()
    assert not Translation.objects.exists()


def test_translate_page_refuses_a_member_without_languages_and_an_unknown_kind(client):
    thread = russian_thread()
    client.force_login(UserFactory())
    assert client.get(reverse("translations:translate", args=["forum.post", opening(thread).pk])).status_code == 403
    assert client.get(reverse("translations:translate", args=["chat.message", 1])).status_code == 404
    assert client.get(reverse("translations:translate", args=["forum.post", 999999])).status_code == 404


def test_a_hidden_post_is_not_found_on_the_translate_page(client, admin_user):
    thread = russian_thread()
    reply = forum.reply(thread, body="Ответ")
    forum_services.post_hide(actor=admin_user, post=reply, reason="harassment")
    client.force_login(speaker("ky"))
    assert client.get(reverse("translations:translate", args=["forum.post", reply.pk])).status_code == 404


def test_request_form_and_requests_page(client):
    thread = russian_thread()
    post = opening(thread)
    requester = UserFactory()
    client.force_login(requester)
    response = client.post(reverse("translations:request", args=["forum.post", post.pk]), {"language": "ky"})
    assert response.status_code == 302
    assert TranslationRequest.objects.filter(requester=requester, language="ky").exists()
    # A hostile "next" never leaves the site.
    response = client.post(
        reverse("translations:request", args=["forum.post", post.pk]),
        {"language": "ky", "next": "https://evil.example/"},
    )
    assert response["Location"] == post.get_absolute_url()
    client.force_login(speaker("ky"))
    page = client.get(reverse("translations:requests")).content.decode()
    assert thread.title in page


def test_the_resource_page_lists_and_shows_translations(client):
    from tests.resources import factories as resource_factories

    resource = resource_factories.make_resource(uploads=[], external_url="https://example.org/toolkit")
    translator = speaker("ky")
    from translations import services

    services.translation_save(
        translator=translator,
        kind_key="resources.resource",
        object_id=resource.pk,
        language="ky",
        fields={"title": "Котормо аталышы", "summary": "Кыскача", "description": "Сүрөттөмө"},
    )
    _as_kyrgyz(client, UserFactory())
    page = client.get(resource.get_absolute_url(), follow=True).content.decode()
    assert "Котормо аталышы" in page


def test_a_resource_without_translations_has_no_empty_available_in_list(member_client):
    from tests.resources import factories as resource_factories

    resource = resource_factories.make_resource(uploads=[], external_url="https://example.org/toolkit")
    page = member_client.get(resource.get_absolute_url(), follow=True).content.decode()
    assert "Available in" not in page
    assert "Request a translation into" in page


def test_the_registered_forum_kind_answers_none_for_a_missing_post():
    from translations.registry import kind_for

    assert kind_for("forum.post").get(0) is None
    assert not Post.objects.filter(pk=0).exists()


def test_the_home_page_counts_requests_waiting_in_the_members_languages(client):
    from translations import services

    thread = russian_thread()
    hidden = forum.thread(title="Another thread in the open", body="Текст второй темы на русском")
    services.request_create(requester=UserFactory(), kind_key="forum.post", object_id=opening(thread).pk, language="ky")
    services.request_create(requester=UserFactory(), kind_key="forum.post", object_id=opening(hidden).pk, language="ky")
    services.request_create(requester=UserFactory(), kind_key="forum.post", object_id=opening(thread).pk, language="tg")
    from forum import services as forum_services_

    admin = UserFactory(role="admin")
    forum_services_.thread_hide(actor=admin, thread=hidden, reason="identifies a survivor")
    client.force_login(speaker("ky"))
    page = client.get("/").content.decode()
    assert "1 request waits in your languages" in page
    client.force_login(UserFactory())
    assert "wait in your languages" not in client.get("/").content.decode()


def test_thread_lists_name_the_translations_and_filter_by_them(client):
    translated = russian_thread()
    translate_opening(translated, speaker("ky"))
    untranslated = forum.thread(title="Another thread in Russian", body="Только на русском языке, без перевода")
    client.force_login(UserFactory())
    page = client.get("/forum/").content.decode()
    assert "Translated into" in page and 'lang="ky"' in page
    filtered = client.get("/forum/?language=ky").content.decode()
    assert translated.title in filtered and untranslated.title not in filtered
    assert untranslated.title in client.get("/forum/?language=ru").content.decode()


def test_the_library_names_translations_and_filters_by_them(client):
    from tests.resources import factories as resource_factories
    from translations import services

    translated = resource_factories.make_resource(
        title="Translated toolkit", external_url="https://example.org/a", uploads=[]
    )
    other = resource_factories.make_resource(
        title="Untranslated toolkit", external_url="https://example.org/b", uploads=[]
    )
    services.translation_save(
        translator=speaker("ky"),
        kind_key="resources.resource",
        object_id=translated.pk,
        language="ky",
        fields={"title": "Котормо", "summary": "Кыскача", "description": "Сүрөттөмө"},
    )
    client.force_login(UserFactory())
    page = client.get("/resources/?sort=newest").content.decode()
    assert "Translated into" in page
    filtered = client.get("/resources/?translated=ky").content.decode()
    assert "Translated toolkit" in filtered and other.title not in filtered


def test_the_requests_page_costs_a_constant_number_of_queries(client, django_assert_max_num_queries):
    from translations import services

    translator = speaker("ky")
    for n in range(5):
        thread = forum.thread(title=f"Thread number {n}", body="Текст на русском языке")
        services.request_create(
            requester=UserFactory(), kind_key="forum.post", object_id=opening(thread).pk, language="ky"
        )
    client.force_login(translator)
    client.get(reverse("translations:requests"))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("translations:requests")).content.decode()
    assert page.count("Thread number") == 5


def test_a_reader_can_report_a_translation_from_the_thread_page(client):
    thread = russian_thread()
    translation = translate_opening(thread)
    reader = UserFactory()
    _as_kyrgyz(client, reader)
    page = client.get(thread.get_absolute_url() + "?page=1").content.decode()
    report_url = reverse("translations:report", args=[translation.pk])
    assert report_url in page
    response = client.post(report_url, {"reason": "other", "note": "Not what the original says"})
    assert response.status_code == 302
    from moderation.models import Report

    assert Report.objects.get().target == translation


def test_the_translation_form_labels_the_message_as_a_translation(client):
    thread = russian_thread()
    client.force_login(speaker("ky"))
    form = client.get(reverse("translations:translate", args=["forum.post", opening(thread).pk])).context["form"]
    assert str(form.fields["body"].label) == "Translation of the message"


def test_the_translate_action_shows_only_to_members_who_list_another_language(client):
    thread = russian_thread()
    translate_url = reverse("translations:translate", args=["forum.post", opening(thread).pk])
    client.force_login(speaker("ru"))
    assert translate_url not in client.get(thread.get_absolute_url()).content.decode()
    assert client.get(translate_url).status_code == 403
    client.force_login(speaker("ky"))
    assert translate_url in client.get(thread.get_absolute_url()).content.decode()
