"""What a resource's page and its translated-file upload tell a member about translations: the
members' translation shown in place, translated files waiting for review, and the languages
offered for an upload or a request."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.models import Role
from resources.translation_views import TranslatedFileForm
from tests.resources.factories import make_resource, pdf_upload
from tests.translations.helpers import speaker
from tests.translations.test_translated_files import (
    KYRGYZ_SUMMARY,
    KYRGYZ_TITLE,
    translate_metadata,
    upload_translation,
)
from translations import services
from translations.models import TranslationRequest

pytestmark = pytest.mark.django_db


def _upload_url(resource):
    return reverse("resources:translated_file_add", args=[resource.pk])


def _request_choices(page: str) -> str:
    return page.split('id="resource-translation-language"', 1)[1].split("</select>", 1)[0]


# After an upload.


def test_a_members_upload_is_said_to_wait_for_a_moderator_not_to_be_listed(client):
    original = make_resource()
    client.force_login(speaker("ky", role=Role.MEMBER))
    response = client.post(
        _upload_url(original),
        {"language": "ky", "title": KYRGYZ_TITLE, "summary": KYRGYZ_SUMMARY, "upload": pdf_upload("k.pdf")},
    )
    said = " ".join(str(message) for message in get_messages(response.wsgi_request))
    assert "It is listed on the original's page as a translation." not in said
    assert "Once a moderator publishes it" in said


def test_an_experts_upload_is_said_to_be_listed_under_available_in(client):
    original = make_resource()
    client.force_login(speaker("ky", role=Role.EXPERT))
    response = client.post(
        _upload_url(original),
        {"language": "ky", "title": KYRGYZ_TITLE, "summary": KYRGYZ_SUMMARY, "upload": pdf_upload("k.pdf")},
    )
    said = " ".join(str(message) for message in get_messages(response.wsgi_request))
    assert "listed on the original's page under “Available in”" in said
    assert "Once a moderator" not in said


def test_the_summary_help_says_when_it_may_be_left_empty():
    form = TranslatedFileForm(owner=None, languages=["ky"])
    help_text = str(form.fields["summary"].help_text)
    assert "may be left empty only when members have already translated them" in help_text


# The original's page.


def test_the_uploader_sees_their_translated_file_waiting_for_review_on_the_originals_page(client):
    original = make_resource()
    translator = speaker("ky", "kk", role=Role.MEMBER)
    copy = upload_translation(original, translator)
    client.force_login(translator)
    page = client.get(original.get_absolute_url(), follow=True).text
    assert "translated file waiting for review" in page
    assert copy.get_absolute_url() in page
    # Kyrgyz has its pending copy; Kazakh is still open, so the upload action stays.
    assert "Upload a translated file" in page


def test_another_member_does_not_see_a_translated_file_waiting_for_review(client):
    original = make_resource()
    copy = upload_translation(original, speaker("ky", role=Role.MEMBER))
    client.force_login(speaker("ky", role=Role.MEMBER))
    page = client.get(original.get_absolute_url(), follow=True).text
    assert "waiting for review" not in page
    assert copy.get_absolute_url() not in page
    # Their only language has a pending copy: no upload is offered that would be refused.
    assert "Upload a translated file" not in page


def test_a_moderator_sees_the_translated_file_waiting_for_review(moderator_client):
    original = make_resource()
    copy = upload_translation(original, speaker("ky", role=Role.MEMBER))
    page = moderator_client.get(original.get_absolute_url(), follow=True).text
    assert "translated file waiting for review" in page and copy.get_absolute_url() in page


def test_the_upload_page_goes_back_when_every_language_has_a_translated_file(client):
    original = make_resource()
    upload_translation(original, speaker("ky", role=Role.EXPERT))
    client.force_login(speaker("ky", role=Role.MEMBER))
    response = client.get(_upload_url(original))
    assert response.status_code == 302 and response["Location"] == original.get_absolute_url()


# Requests.


def test_the_request_form_leaves_out_languages_already_published(client):
    original = make_resource()  # Russian
    translate_metadata(original)  # Kyrgyz text translation
    upload_translation(original, speaker("kk", role=Role.EXPERT), language="kk", file=pdf_upload("kk.pdf"))
    client.force_login(speaker("en"))
    offered = _request_choices(client.get(original.get_absolute_url(), follow=True).text)
    for code in ("ky", "kk", "ru"):
        assert f'value="{code}"' not in offered, code
    assert 'value="tg"' in offered


def test_the_request_form_names_each_language_in_its_own_name(client):
    original = make_resource()
    reader = speaker("en")
    reader.ui_language = "ru"
    reader.save(update_fields=["ui_language"])
    client.force_login(reader)
    offered = _request_choices(client.get(original.get_absolute_url(), follow=True).text)
    # As the language menu does, English is "English" for a Russian reader, like "Қазақша".
    assert '<option value="en" lang="en">English</option>' in offered
    assert '<option value="kk" lang="kk">Қазақша</option>' in offered


def test_a_member_sees_their_own_open_request_instead_of_the_language(client):
    original = make_resource()
    reader = speaker("en")
    services.request_create(requester=reader, kind_key="resources.resource", object_id=original.pk, language="tg")
    client.force_login(reader)
    page = client.get(original.get_absolute_url(), follow=True).text
    assert "You asked for a translation into Тоҷикӣ." in page
    assert 'value="tg"' not in _request_choices(page)
    # Someone else's request is theirs to see only as a count on the requests page.
    client.force_login(speaker("en"))
    assert "You asked for a translation" not in client.get(original.get_absolute_url(), follow=True).text


# The members' translation shown in place.


def _kyrgyz_reader(client):
    reader = speaker("en")
    reader.ui_language = "ky"
    reader.save(update_fields=["ui_language"])
    client.force_login(reader)
    return reader


def test_a_reader_sees_the_title_summary_and_description_translated_in_place(client):
    original = make_resource(title="Руководство по планированию безопасности")
    translate_metadata(original)
    _kyrgyz_reader(client)
    page = client.get(original.get_absolute_url(), follow=True).text
    assert f'<h1 dir="ltr" lang="ky">{KYRGYZ_TITLE}</h1>' in page
    assert f'<p class="lead" dir="ltr" lang="ky">{KYRGYZ_SUMMARY}</p>' in page
    assert 'lang="ky"><p>Этият менен колдонуңуз.</p>' in page
    assert "?original=1" in page
    # Not the original above with the translation as a smaller block underneath.
    assert "Руководство по планированию безопасности</h1>" not in page
    assert 'id="my-translation-heading"' not in page


def test_show_original_gives_the_original_with_a_way_back(client):
    original = make_resource(title="Руководство по планированию безопасности")
    translate_metadata(original)
    _kyrgyz_reader(client)
    response = client.get(original.get_absolute_url(), follow=True)
    page = client.get(response.request["PATH_INFO"] + "?original=1").text
    assert '<h1 dir="auto">Руководство по планированию безопасности</h1>' in page
    assert KYRGYZ_SUMMARY not in page
    assert 'href="?"' in page


def test_a_member_withdraws_their_own_request_and_only_theirs(client):
    original = make_resource()
    reader, other = speaker("en"), speaker("en")
    for who in (reader, other):
        services.request_create(requester=who, kind_key="resources.resource", object_id=original.pk, language="tg")
    client.force_login(reader)
    url = reverse("translations:request_withdraw", args=["resources.resource", original.pk])
    response = client.post(url, {"language": "tg"}, follow=True)
    assert "withdrawn" in response.text
    assert "You asked for a translation into" not in response.text
    assert 'value="tg"' in _request_choices(response.text)
    assert list(TranslationRequest.objects.values_list("requester_id", flat=True)) == [other.pk]
    # Nothing left to withdraw, or a hostile language: a calm message, never a 500.
    for language in ("tg", "<script>", "x" * 500):
        response = client.post(url, {"language": language}, follow=True)
        assert response.status_code == 200
        assert "You have no open request for a translation into this language." in response.text
    assert TranslationRequest.objects.count() == 1


def test_a_member_cannot_withdraw_a_request_on_an_original_they_cannot_see(client):
    hidden = make_resource(author=speaker("en"))  # in review: its author's and moderators' only
    client.force_login(speaker("en"))
    url = reverse("translations:request_withdraw", args=["resources.resource", hidden.pk])
    assert client.post(url, {"language": "tg"}).status_code == 404
