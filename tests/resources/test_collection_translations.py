"""A collection's title and introduction in other interface languages, written by the curators
who may edit it on the collection's own edit page, and read by members in their language."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Role
from moderation.models import AuditAction, AuditEntry
from resources import collections
from resources.models import Collection
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _collection(author, title="Starter kit"):
    return collections.collection_create(actor=author, data={"title": title, "introduction": "For **new** staff."})


def _url(collection):
    return f"/resources/collections/{collection.pk}/translations/"


def _reader(client, language):
    member = UserFactory(ui_language=language)
    client.force_login(member)
    return member


# Services.


def test_a_translation_is_stored_with_its_introduction_rendered_and_sanitised(expert):
    collection = _collection(expert)
    collection = collections.collection_translation_set(
        actor=expert,
        collection=collection,
        language="RU",
        title="Стартовый набор",
        introduction="Для **новых** <script>alert(1)</script>",
    )
    stored = Collection.objects.get(pk=collection.pk).translations["ru"]
    assert stored["title"] == "Стартовый набор"
    assert "<strong>новых</strong>" in stored["introduction_html"]
    assert "<script" not in stored["introduction_html"]


def test_adding_editing_and_removing_a_translation_are_each_audited(expert):
    collection = _collection(expert)
    collections.collection_translation_set(actor=expert, collection=collection, language="kk", title="Бастапқы")
    collections.collection_translation_set(actor=expert, collection=collection, language="kk", title="Жинақ")
    collections.collection_translation_remove(actor=expert, collection=collection, language="kk")
    changes = list(
        AuditEntry.objects.filter(action=AuditAction.COLLECTION_EDIT).order_by("id").values_list("data", flat=True)
    )
    assert [(change["change"], change["language"]) for change in changes] == [
        ("translation_add", "kk"),
        ("translation_edit", "kk"),
        ("translation_remove", "kk"),
    ]
    assert Collection.objects.get(pk=collection.pk).translations == {}


def test_a_translation_keeps_the_others(expert):
    collection = _collection(expert)
    collections.collection_translation_set(actor=expert, collection=collection, language="ru", title="Набор")
    # A stale copy of the collection, as a second curator's page would hold.
    collections.collection_translation_set(actor=expert, collection=collection, language="ky", title="Топтом")
    assert set(Collection.objects.get(pk=collection.pk).translations) == {"ru", "ky"}


@pytest.mark.parametrize(
    ("language", "title", "introduction", "code"),
    [
        ("xx", "Title", "", "language"),
        ("", "Title", "", "language"),
        ("ru", "   ", "", "title_required"),
        ("ru", "T" * 201, "", "too_long"),
        ("ru", "Title", "I" * 5001, "too_long"),
    ],
)
def test_bad_translations_are_refused_with_a_reason(expert, language, title, introduction, code):
    collection = _collection(expert)
    with pytest.raises(ValidationError) as error:
        collections.collection_translation_set(
            actor=expert, collection=collection, language=language, title=title, introduction=introduction
        )
    assert error.value.code == code


def test_only_those_who_may_edit_the_collection_translate_it(expert, member):
    collection = _collection(expert)
    for outsider in (member, UserFactory(role=Role.EXPERT)):
        with pytest.raises(PermissionDenied):
            collections.collection_translation_set(actor=outsider, collection=collection, language="ru", title="Х")
    moderator = UserFactory(role=Role.MODERATOR)
    collections.collection_translation_set(actor=moderator, collection=collection, language="ru", title="Набор")
    with pytest.raises(PermissionDenied):
        collections.collection_translation_remove(actor=member, collection=collection, language="ru")


def test_removing_a_translation_that_is_not_there_is_refused(expert):
    with pytest.raises(ValidationError) as error:
        collections.collection_translation_remove(actor=expert, collection=_collection(expert), language="ru")
    assert error.value.code == "no_translation"


# Views.


def test_the_edit_page_adds_a_translation_and_shows_it_for_editing(client, expert):
    collection = _collection(expert)
    client.force_login(expert)
    page = client.get(f"/resources/collections/{collection.pk}/edit/").text
    assert "Add a translation" in page
    response = client.post(
        _url(collection), {"action": "save", "language": "ru", "title": "Набор", "introduction": "Для *всех*"}
    )
    assert response.status_code == 302 and response["Location"].endswith("/edit/?translation=saved#translations")
    page = client.get(response["Location"]).text
    # The success message is said inside the section the page returns to, not scrolled away at the top.
    section = page.split('id="translations"', 1)[1]
    assert "The translation is saved." in section
    assert 'value="Набор"' in page
    assert 'lang="ru" dir="ltr"' in page
    assert "Remove the translation" in page
    # Russian is taken: the form for a new translation no longer offers it.
    offered = page.split('id="id_translation_new_language"', 1)[1].split("</select>", 1)[0]
    assert 'value="kk"' in offered and 'value="ru"' not in offered


def test_a_translation_is_edited_and_removed_from_the_edit_page(client, expert):
    collection = _collection(expert)
    collections.collection_translation_set(actor=expert, collection=collection, language="ru", title="Набор")
    client.force_login(expert)
    client.post(_url(collection), {"action": "save", "language": "ru", "title": "Новый набор"})
    assert Collection.objects.get(pk=collection.pk).translations["ru"]["title"] == "Новый набор"
    response = client.post(_url(collection), {"action": "remove", "language": "ru"})
    assert response.status_code == 302
    assert Collection.objects.get(pk=collection.pk).translations == {}


@pytest.mark.parametrize(
    "data",
    [
        {"action": "save", "language": "xx", "title": "Title"},
        {"action": "save", "language": "ru", "title": ""},
        {"action": "save", "language": "ru", "title": "<b>" * 100},
        {"action": "save", "language": "ru", "title": "Title", "introduction": "I" * 5001},
        {"action": "save", "title": "Title"},
    ],
)
def test_hostile_or_incomplete_translations_get_the_edit_page_with_a_reason(client, expert, data):
    collection = _collection(expert)
    client.force_login(expert)
    response = client.post(_url(collection), data)
    assert response.status_code == 400
    assert "In other languages" in response.text
    assert Collection.objects.get(pk=collection.pk).translations == {}


def test_removing_a_missing_translation_says_so(client, expert):
    collection = _collection(expert)
    client.force_login(expert)
    response = client.post(_url(collection), {"action": "remove", "language": "ru"}, follow=True)
    assert "There is no translation in this language." in response.text


def test_another_expert_member_and_anonymous_visitor_cannot_translate(client, expert, member):
    collection = _collection(expert)
    data = {"action": "save", "language": "ru", "title": "Набор"}
    assert client.post(_url(collection), data).status_code == 302  # anonymous: to the login page
    for outsider in (member, UserFactory(role=Role.EXPERT)):
        client.force_login(outsider)
        assert client.post(_url(collection), data).status_code == 403
    assert client.get(_url(collection)).status_code == 405
    assert Collection.objects.get(pk=collection.pk).translations == {}


# Reading.


def test_a_reader_sees_the_translation_in_their_language_marked_with_it(client, expert):
    collection = _collection(expert)
    collections.collection_translation_set(
        actor=expert, collection=collection, language="ru", title="Стартовый набор", introduction="Для **новых**"
    )
    _reader(client, "ru")
    page = client.get(collection.get_absolute_url(), follow=True).text
    assert '<h1 lang="ru" dir="ltr">Стартовый набор</h1>' in page
    assert '<div class="prose" lang="ru" dir="ltr"><p>Для <strong>новых</strong></p>' in page
    assert 'lang="ru" dir="ltr">Стартовый набор</a>' in client.get("/resources/collections/").text


def test_a_dari_reader_sees_the_translation_right_to_left(client, expert):
    collection = _collection(expert)
    collections.collection_translation_set(actor=expert, collection=collection, language="fa-af", title="مجموعه")
    _reader(client, "fa-af")
    page = client.get(collection.get_absolute_url(), follow=True).text
    assert '<h1 lang="fa-af" dir="rtl">مجموعه</h1>' in page
    # No Dari introduction: the original one, in its own direction.
    assert '<div class="prose" dir="auto"><p>For <strong>new</strong> staff.</p>' in page


def test_a_reader_in_another_language_sees_the_original(client, expert):
    collection = _collection(expert)
    collections.collection_translation_set(actor=expert, collection=collection, language="ru", title="Набор")
    _reader(client, "kk")
    page = client.get(collection.get_absolute_url(), follow=True).text
    assert '<h1 dir="auto">Starter kit</h1>' in page


def test_the_collections_own_language_is_neither_offered_nor_accepted_as_a_translation(client, expert):
    from taxonomy.models import Language

    collection = collections.collection_create(
        actor=expert, data={"title": "Starter kit", "introduction": "", "language": Language.objects.get(slug="en")}
    )
    client.force_login(expert)
    page = client.get(f"/resources/collections/{collection.pk}/edit/").text
    offered = page.split('id="id_translation_new_language"', 1)[1].split("</select>", 1)[0]
    # English is the collection's language: not the default, not offered at all.
    assert 'value="en"' not in offered and 'value="ru"' in offered
    with pytest.raises(ValidationError) as error:
        collections.collection_translation_set(actor=expert, collection=collection, language="en", title="Kit")
    assert error.value.code == "own_language"
    response = client.post(_url(collection), {"action": "save", "language": "en", "title": "Kit"})
    assert response.status_code == 400
    assert Collection.objects.get(pk=collection.pk).translations == {}


def test_removing_a_translation_is_confirmed_inside_the_section(client, expert):
    collection = _collection(expert)
    collections.collection_translation_set(actor=expert, collection=collection, language="ru", title="Набор")
    client.force_login(expert)
    response = client.post(_url(collection), {"action": "remove", "language": "ru"})
    assert response["Location"].endswith("/edit/?translation=removed#translations")
    section = client.get(response["Location"]).text.split('id="translations"', 1)[1]
    assert "The translation is removed." in section


def test_a_reader_of_a_translated_collection_is_told_and_can_show_the_original(client, expert):
    collection = _collection(expert)
    collections.collection_translation_set(
        actor=expert, collection=collection, language="ru", title="Стартовый набор", introduction="Для **новых**"
    )
    _reader(client, "ru")
    page = client.get(collection.get_absolute_url(), follow=True)
    assert "translation-note" in page.text and "?original=1" in page.text
    original = client.get(page.request["PATH_INFO"] + "?original=1").text
    assert '<h1 dir="auto">Starter kit</h1>' in original
    assert "<strong>new</strong> staff." in original
    assert "Стартовый набор" not in original
    # And the way back to the translation.
    assert 'href="?"' in original


def test_a_reader_of_an_untranslated_collection_sees_no_translation_note(client, expert):
    collection = _collection(expert)
    _reader(client, "ru")
    page = client.get(collection.get_absolute_url(), follow=True).text
    assert "Show original" not in page and "translation-note" not in page
