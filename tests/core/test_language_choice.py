"""The interface language: the header switcher for everyone, saved in a member's profile and
used on every device and in emails."""

import pytest
from django.core import mail

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_switches_the_login_page_to_kazakh(client):
    response = client.post("/i18n/setlang/", {"language": "kk", "next": "/accounts/login/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    page = client.get("/accounts/login/")
    assert '<html lang="kk" dir="ltr">' in page.text


def test_the_switcher_saves_a_members_choice_in_the_profile(member_client, member):
    member_client.post("/i18n/setlang/", {"language": "fa-af", "next": "/"})
    assert User.objects.get(pk=member.pk).ui_language == "fa-af"
    assert '<html lang="fa-af" dir="rtl">' in member_client.get("/").text


def test_an_unknown_language_changes_nothing(member_client, member):
    member_client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert User.objects.get(pk=member.pk).ui_language == ""


def test_the_profile_language_follows_the_member_to_another_device(client):
    member = UserFactory(ui_language="tg")
    client.cookies["django_language"] = "en"
    client.force_login(member)
    assert '<html lang="tg"' in client.get("/").text


def test_choosing_the_language_in_the_profile_sets_it_for_this_browser_too(member_client, member):
    form = member_client.get("/accounts/profile/").context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, [])}
    data.update({"display_name": member.display_name, "ui_language": "ky", "show_presence": "on"})
    data.pop("languages", None), data.pop("expertise", None)
    if data.get("country") is not None:
        data["country"] = member.country_id
    response = member_client.post("/accounts/profile/", data)
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "ky"
    assert User.objects.get(pk=member.pk).ui_language == "ky"


def test_emails_go_out_in_the_members_language(moderator, django_capture_on_commit_callbacks):
    from accounts import services

    applicant = UserFactory(role="applicant", status="pending", ui_language="ru")
    with django_capture_on_commit_callbacks(execute=True):
        services.application_approve(actor=moderator, applicant=applicant)
    assert mail.outbox, "no email was sent"
    assert any(ch in mail.outbox[-1].subject + mail.outbox[-1].body for ch in "абвгдежзийклмнопрстуфхцчшщэюя")


def test_kyrgyz_relative_times_read_the_right_way_round():
    # Django's Kyrgyz catalogue says "before from now" for future times and glues numbers to
    # words; locale_upstream/ky carries the corrections.
    from datetime import timedelta

    from django.contrib.humanize.templatetags.humanize import naturaltime
    from django.utils import timezone, translation

    now = timezone.now()
    with translation.override("ky"):
        assert naturaltime(now - timedelta(minutes=5)) == "5 мүнөт мурда"
        assert naturaltime(now + timedelta(minutes=5, seconds=30)) == "5 мүнөттөн кийин"
        assert naturaltime(now + timedelta(days=3, hours=1)) == "3\xa0күн өткөндө"
        assert naturaltime(now - timedelta(hours=3)) == "3 саат мурда"
