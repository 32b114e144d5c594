"""The form for sharing a resource: groups, expected defaults, required marks, folded long
lists, and what is kept and shown after an error."""

import datetime
import io

import pytest
from django.utils import timezone

from accounts.models import Role
from taxonomy.models import Country, Language
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploader_client(client):
    expert = UserFactory(role=Role.EXPERT, country=Country.objects.get(slug="kg"))
    client.force_login(expert)
    return client


def test_the_form_comes_in_groups_with_the_long_lists_folded(uploader_client):
    page = uploader_client.get("/resources/new/")
    text = page.text
    assert [group["key"] for group in page.context["groups"]] == ["file", "about", "where", "topics", "details"]
    assert text.count('<fieldset class="form-step"') == 5
    folded = {item["field"].name for group in page.context["groups"] for item in group["fields"] if item["folded"]}
    assert {"themes", "countries", "languages", "types"} <= folded
    assert "data-picker-filter" in text and "resource_form.js" in text


def test_the_uploaders_country_the_interface_language_and_this_year_are_chosen(uploader_client):
    form = uploader_client.get("/resources/new/", HTTP_ACCEPT_LANGUAGE="ru").context["form"]
    assert form["countries"].value() == [Country.objects.get(slug="kg").pk]
    assert form["languages"].value() == [Language.objects.get(slug="ru").pk]
    assert form["year"].value() == timezone.localdate().year


def test_required_fields_say_so_in_words_and_to_assistive_technology(uploader_client):
    text = uploader_client.get("/resources/new/").text
    assert 'name="title"' in text and 'aria-required="true"' in text
    assert text.count("(required)") >= 4  # title, summary, type, language
    title = text.split('name="title"', 1)[0].rsplit("<input", 1)[1] + text.split('name="title"', 1)[1].split(">", 1)[0]
    assert 'aria-required="true"' in title


def test_a_validation_error_keeps_what_was_typed_in_every_group(uploader_client):
    response = uploader_client.post(
        "/resources/new/",
        {
            "title": "",
            "summary": "Kept summary",
            "publisher": "Kept publisher",
            "year": "1850",
            "external_url": "https://e.org",
        },
    )
    assert response.status_code == 200
    assert "Kept summary" in response.text and 'value="Kept publisher"' in response.text
    assert response.context["form"].errors.keys() >= {"title", "year"}


def test_files_already_sent_are_described_by_what_the_server_found(client, settings, tmp_path):
    from resources import partial_uploads

    from .factories import multipage_pdf_upload

    expert = UserFactory(role=Role.EXPERT)
    client.force_login(expert)
    data = multipage_pdf_upload(pages=3).read()
    upload = partial_uploads.upload_start(owner=expert, name="plan.pdf", size=len(data))
    partial_uploads.upload_append(
        owner=expert, upload_id=upload.pk, offset=0, stream=io.BytesIO(data), length=len(data)
    )
    response = client.post("/resources/new/", {"title": "", "uploaded": [str(upload.pk)]})
    assert response.status_code == 200
    [fact] = response.context["kept_facts"]
    assert fact.startswith("plan.pdf: PDF") and "3 pages" in fact


def test_anonymous_and_suspended_people_do_not_get_the_form(client):
    assert client.get("/resources/new/").status_code in (302, 403)
    client.force_login(UserFactory(role=Role.EXPERT, status="suspended"))
    assert client.get("/resources/new/").status_code in (302, 403)


def test_the_year_default_follows_the_calendar(uploader_client, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2031, 1, 2))
    assert uploader_client.get("/resources/new/").context["form"]["year"].value() == 2031
