"""A translated file for a resource: a resource of its own in the translation's language,
linked to the original, through the library's own upload pipeline."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Role
from accounts.rights import export_steps
from resources import services as resource_services
from resources import translation_upload
from resources.models import FileVersion, Resource, State
from tests.resources.factories import make_resource, pdf_upload, upload
from translations import services
from translations.models import SeparateTranslation, Translation

from .helpers import speaker

pytestmark = pytest.mark.django_db

KYRGYZ_TITLE = "Коопсуздук планы боюнча колдонмо"
KYRGYZ_SUMMARY = "Кризистик борборлор үчүн кадам-кадам колдонмо."


def russian_resource(**overrides):
    """A published Russian toolkit about Kazakhstan (the factories' defaults)."""
    return make_resource(**overrides)


def translate_metadata(resource, translator=None):
    return services.translation_save(
        translator=translator or speaker("ky"),
        kind_key="resources.resource",
        object_id=resource.pk,
        language="ky",
        fields={"title": KYRGYZ_TITLE, "summary": KYRGYZ_SUMMARY, "description": "Этият менен колдонуңуз."},
    )


def upload_translation(original, translator, language="ky", **kwargs):
    kwargs.setdefault("title", KYRGYZ_TITLE)
    kwargs.setdefault("summary", KYRGYZ_SUMMARY)
    return translation_upload.translated_file_create(
        translator=translator,
        original=original,
        language=language,
        upload=kwargs.pop("file", None) or pdf_upload("kyrgyz.pdf", title="Коопсуздук"),
        **kwargs,
    )


# Services


def test_a_members_translated_file_becomes_a_linked_resource_waiting_for_review():
    original = russian_resource()
    translator = speaker("ky", role=Role.MEMBER)
    copy = upload_translation(original, translator)
    # Same review rule as any member's upload.
    assert copy.state == State.IN_REVIEW
    assert copy.uploader == translator
    assert [language.slug for language in copy.languages.all()] == ["ky"]
    # The taxonomy is the original's.
    for name in ("types", "themes", "countries", "audiences"):
        assert set(getattr(copy, name).all()) == set(getattr(original, name).all()), name
    assert (copy.year, copy.publisher, copy.licence) == (original.year, original.publisher, original.licence)
    # Linked both ways through the library's "translations".
    assert list(original.translations.all()) == [copy]
    assert list(copy.translations.all()) == [original]
    row = SeparateTranslation.objects.get(copy_id=copy.pk)
    assert (row.object_id, row.language, row.translator, row.translator_name) == (
        original.pk,
        "ky",
        translator,
        translator.display_name,
    )
    assert not row.is_outdated


def test_an_experts_translated_file_is_published_at_once():
    copy = upload_translation(russian_resource(), speaker("ky", role=Role.EXPERT))
    assert copy.state == State.PUBLISHED


def test_the_file_goes_through_the_same_inspection_and_cleaning():
    copy = upload_translation(russian_resource(), speaker("ky"), file=pdf_upload("k.pdf", author="Aigul Secret"))
    version = FileVersion.objects.get(file__resource=copy)
    assert version.kind == "pdf"
    assert version.metadata_stripped
    assert b"Aigul Secret" not in version.content.read()


def test_a_hostile_file_is_refused_and_leaves_nothing():
    original = russian_resource()
    before = Resource.objects.count()
    with pytest.raises(ValidationError):
        upload_translation(original, speaker("ky"), file=upload("k.pdf", b"MZ\x90\x00 this is a program"))
    assert Resource.objects.count() == before
    assert not SeparateTranslation.objects.exists()


def test_title_and_summary_come_from_the_members_translation_when_not_given():
    original = russian_resource()
    translate_metadata(original)
    copy = upload_translation(original, speaker("ky"), title="", summary="")
    assert (copy.title, copy.summary) == (KYRGYZ_TITLE, KYRGYZ_SUMMARY)
    assert "Этият" in copy.description


def test_without_a_title_in_the_language_the_upload_asks_for_one():
    with pytest.raises(ValidationError) as error:
        upload_translation(russian_resource(), speaker("ky"), title="", summary="")
    assert set(error.value.message_dict) == {"title", "summary"}


@pytest.mark.parametrize("language", ["en", "ru"], ids=["not-listed", "the-originals"])
def test_only_a_listed_language_other_than_the_originals_is_accepted(language):
    translator = speaker("ky", "ru")
    with pytest.raises(PermissionDenied):
        upload_translation(russian_resource(), translator, language=language)
    assert not SeparateTranslation.objects.exists()


def test_an_unpublished_original_cannot_be_translated():
    original = russian_resource(submit=False)
    with pytest.raises(PermissionDenied):
        upload_translation(original, speaker("ky"))


def test_a_suspended_member_cannot_upload_a_translation():
    translator = speaker("ky", role=Role.MEMBER, status="suspended")
    with pytest.raises(PermissionDenied):
        upload_translation(russian_resource(), translator)


def test_a_second_translated_file_in_the_same_language_is_refused_naming_the_published_one():
    original = russian_resource()
    upload_translation(original, speaker("ky", role=Role.EXPERT))
    with pytest.raises(ValidationError) as error:
        upload_translation(original, speaker("ky"), file=pdf_upload("other.pdf", title="Other"))
    assert error.value.code == "exists"
    assert KYRGYZ_TITLE in error.value.messages[0]


def test_a_refusal_does_not_name_another_members_translated_file_still_in_review():
    # Given a member's translated file waiting for review, which other members cannot open
    original = russian_resource()
    pending = upload_translation(original, speaker("ky", role=Role.MEMBER), title="Секреттүү аталыш")
    other = speaker("ky", role=Role.MEMBER)
    assert not Resource.objects.visible_to(other).filter(pk=pending.pk).exists()
    # When another member uploads one in the same language
    with pytest.raises(ValidationError) as error:
        upload_translation(original, other, file=pdf_upload("other.pdf", title="Other"))
    # Then the refusal says one waits for review, without its title
    assert error.value.code == "exists_in_review"
    assert "Секреттүү" not in " ".join(error.value.messages)
    assert "waiting for review" in error.value.messages[0]


def test_the_uploader_of_a_translated_file_in_review_is_told_its_title():
    original = russian_resource()
    translator = speaker("ky", role=Role.MEMBER)
    upload_translation(original, translator, title="Менин котормом")
    with pytest.raises(ValidationError) as error:
        upload_translation(original, translator, file=pdf_upload("other.pdf", title="Other"))
    assert error.value.code == "exists"
    assert "Менин котормом" in error.value.messages[0]


def test_the_upload_page_does_not_show_another_members_title_in_review(client):
    original = russian_resource()
    upload_translation(original, speaker("ky", role=Role.MEMBER), title="Секреттүү аталыш")
    other = speaker("ky", "kk", role=Role.MEMBER)
    client.force_login(other)
    url = reverse("resources:translated_file_add", args=[original.pk])
    # The form offers only the language still open...
    page = client.get(url).content.decode()
    choices = page.split('id="id_language"', 1)[1].split("</select>", 1)[0]
    assert 'value="kk"' in choices and 'value="ky"' not in choices
    # ...and a posted Kyrgyz file (a form opened before) is refused without naming the other.
    response = client.post(url, {"language": "ky", "upload": pdf_upload("o.pdf"), "title": "T", "summary": "S"})
    assert response.status_code == 200
    assert "Секреттүү" not in response.content.decode()


def test_a_new_version_of_the_originals_file_marks_the_translated_file_outdated_until_it_is_updated():
    expert = speaker("ru", role=Role.EXPERT)
    original = russian_resource(author=expert)
    translator = speaker("ky", role=Role.EXPERT)
    copy = upload_translation(original, translator)
    item = original.files.get()
    resource_services.file_version_add(actor=expert, item=item, upload=pdf_upload("v2.pdf", title="Version 2"))
    assert SeparateTranslation.objects.get(copy_id=copy.pk).is_outdated
    # The translator uploads the new translation as a new version of their file.
    resource_services.file_version_add(
        actor=translator, item=copy.files.get(), upload=pdf_upload("k2.pdf", title="Коопсуздук 2")
    )
    assert not SeparateTranslation.objects.get(copy_id=copy.pk).is_outdated


def test_editing_the_originals_description_does_not_outdate_the_translated_file():
    expert = speaker("ru", role=Role.EXPERT)
    original = russian_resource(author=expert)
    copy = upload_translation(original, speaker("ky"))
    resource_services.resource_update(actor=expert, resource=original, data={"summary": "New summary."})
    assert not SeparateTranslation.objects.get(copy_id=copy.pk).is_outdated


def test_erasing_the_translated_resource_forgets_the_link(moderator):
    original = russian_resource()
    copy = upload_translation(original, speaker("ky"))
    copy.delete()
    assert not SeparateTranslation.objects.exists()
    assert list(original.translations.all()) == []


def test_the_translators_export_names_their_translated_files():
    original = russian_resource()
    translator = speaker("ky")
    copy = upload_translation(original, translator)
    step = next(step for step in export_steps() if step.key == "translations")
    rows = step.run(translator).data["translated_files"]
    assert [(row["object_id"], row["copy_id"], row["language"]) for row in rows] == [(original.pk, copy.pk, "ky")]


# Pages


def _page(pk):
    return reverse("resources:translated_file_add", args=[pk])


def test_the_original_offers_the_upload_only_to_members_who_list_another_language(client):
    original = russian_resource()
    client.force_login(speaker("ru"))
    page = client.get(original.get_absolute_url()).content.decode()
    assert _page(original.pk) not in page
    assert reverse("translations:translate", args=["resources.resource", original.pk]) not in page
    client.force_login(speaker("ky"))
    page = client.get(original.get_absolute_url()).content.decode()
    assert _page(original.pk) in page
    assert reverse("translations:translate", args=["resources.resource", original.pk]) in page


def test_the_form_is_prefilled_with_the_members_translation(client):
    original = russian_resource()
    translate_metadata(original)
    client.force_login(speaker("ky"))
    response = client.get(_page(original.pk))
    assert response.status_code == 200
    assert KYRGYZ_TITLE in response.content.decode()


def test_uploading_a_translated_pdf_links_it_on_the_originals_page(client):
    original = russian_resource()
    translator = speaker("ky", role=Role.EXPERT)
    client.force_login(translator)
    response = client.post(
        _page(original.pk),
        {"language": "ky", "title": KYRGYZ_TITLE, "summary": KYRGYZ_SUMMARY, "upload": pdf_upload("k.pdf")},
    )
    copy = Resource.objects.get(title=KYRGYZ_TITLE)
    assert response.status_code == 302 and response["Location"] == copy.get_absolute_url()
    reader = speaker("en")
    client.force_login(reader)
    page = client.get(original.get_absolute_url()).content.decode()
    assert copy.get_absolute_url() in page
    assert "translated file by" in page
    # The translated resource points back to its original.
    page = client.get(copy.get_absolute_url()).content.decode()
    assert "Translated file by" in page and original.get_absolute_url() in page


def test_a_hostile_file_gets_a_form_error_not_a_server_error(client):
    original = russian_resource()
    client.force_login(speaker("ky"))
    response = client.post(
        _page(original.pk),
        {"language": "ky", "title": "T", "summary": "S", "upload": upload("k.pdf", b"MZ\x90\x00 a program")},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not SeparateTranslation.objects.exists()


def test_a_language_the_member_does_not_list_is_a_form_error(client):
    original = russian_resource()
    client.force_login(speaker("ky"))
    response = client.post(
        _page(original.pk), {"language": "en", "title": "T", "summary": "S", "upload": pdf_upload("k.pdf")}
    )
    assert response.status_code == 200
    assert "language" in response.context["form"].errors


def test_a_member_who_lists_no_other_language_is_refused(client):
    client.force_login(speaker("ru"))
    assert client.get(_page(russian_resource().pk)).status_code == 403


def test_an_unpublished_original_is_not_found(client):
    author = speaker("ky")
    original = russian_resource(author=author, submit=False)
    client.force_login(author)
    assert client.get(_page(original.pk)).status_code == 404


def test_an_outdated_translated_file_is_marked_on_the_originals_page(client):
    expert = speaker("ru", role=Role.EXPERT)
    original = russian_resource(author=expert)
    copy = upload_translation(original, speaker("ky", role=Role.EXPERT))
    resource_services.file_version_add(actor=expert, item=original.files.get(), upload=pdf_upload("v2.pdf", title="2"))
    client.force_login(speaker("en"))
    page = client.get(copy.get_absolute_url()).content.decode()
    assert "file has a newer version" in page


def test_the_translated_file_keeps_a_translations_language_status():
    # Translations of text and translated files share the outdated state's values.
    assert set(SeparateTranslation._meta.get_field("status").choices) == set(Translation.Status.choices)


def test_the_translated_file_waits_in_the_review_queue_of_the_originals_moderators():
    from resources.selectors import review_queue
    from taxonomy.models import Country

    copy = upload_translation(russian_resource(), speaker("ky", role=Role.MEMBER))
    kz = Country.objects.get(slug="kz")  # the original is about Kazakhstan
    scoped = speaker("ru", role=Role.MODERATOR, country=kz)
    scoped.moderated_countries.set([kz])
    assert copy in review_queue(scoped)


@pytest.mark.parametrize("languages", [["ky"], ["ky", "kk", "tg", "en"]])
def test_the_originals_page_costs_the_same_queries_for_one_or_many_translated_files(
    client, languages, django_assert_num_queries
):
    original = russian_resource()
    for code in languages:
        upload_translation(original, speaker(code, role=Role.EXPERT), language=code, file=pdf_upload(f"{code}.pdf"))
    client.force_login(speaker("en"))
    client.get(original.get_absolute_url())  # the session's first request records it
    # With the reader's translated files waiting for review and their open requests, one query each.
    with django_assert_num_queries(21):
        page = client.get(original.get_absolute_url()).content.decode()
    assert page.count("translated file by") == len(languages)
