"""Private by default: a new account shows nothing but its display name until the member
chooses, once, at the first login after approval."""

import importlib

import pytest
from django.apps import apps as live_apps
from django.urls import reverse

from accounts import selectors, services
from accounts.models import Role, Status, User
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

CHOICE = "/accounts/privacy/"


@pytest.fixture
def newly_approved(moderator):
    applicant = UserFactory(role=Role.APPLICANT, status=Status.PENDING, privacy_chosen_at=None)
    return services.application_approve(actor=moderator, applicant=applicant)


def _log_in(client, user, **extra):
    return client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD, **extra})


def test_a_new_account_shows_no_organisation_country_or_presence():
    user = User.objects.create_user("new@example.org", "pw-123-long-enough", display_name="New")
    assert (user.show_organisation, user.show_country, user.show_presence) == (False, False, False)
    assert user.privacy_chosen_at is None


def test_the_first_login_after_approval_asks_what_others_see(client, newly_approved):
    response = _log_in(client, newly_approved)
    assert response.status_code == 302
    assert response["Location"].startswith(CHOICE)
    page = client.get(response["Location"])
    assert page.status_code == 200
    body = page.content.decode()
    assert "Your email address is never shown to members." in body
    assert 'name="show_country"' in body and "checked" not in body


def test_the_question_keeps_where_the_login_was_going(client, newly_approved):
    response = _log_in(client, newly_approved, next="/forum/")
    assert response["Location"] == f"{CHOICE}?next=%2Fforum%2F"
    answered = client.post(CHOICE, {"next": "/forum/", "show_country": "on"})
    assert answered["Location"] == "/forum/"


def test_the_members_choice_is_saved_and_not_asked_again(client, newly_approved):
    _log_in(client, newly_approved)
    client.post(CHOICE, {"show_organisation": "on", "show_country": "on"})
    newly_approved.refresh_from_db()
    assert newly_approved.show_organisation and newly_approved.show_country and not newly_approved.show_presence
    assert newly_approved.privacy_chosen_at is not None
    client.logout()
    assert _log_in(client, newly_approved)["Location"] == reverse("dashboard")


def test_skipping_keeps_everything_hidden_and_is_not_asked_again(client, newly_approved):
    _log_in(client, newly_approved)
    response = client.post(CHOICE, {"skip": "1", "show_country": "on"})
    assert response["Location"] == reverse("dashboard")
    newly_approved.refresh_from_db()
    assert not (newly_approved.show_organisation or newly_approved.show_country or newly_approved.show_presence)
    assert not selectors.privacy_choice_due(newly_approved)


def test_the_question_page_sends_a_member_who_already_chose_onwards(member_client):
    response = member_client.get(CHOICE, {"next": "/resources/"})
    assert response.status_code == 302 and response["Location"] == "/resources/"


def test_the_question_page_never_sends_a_member_to_another_site(client, newly_approved):
    _log_in(client, newly_approved)
    response = client.post(CHOICE, {"skip": "1", "next": "https://elsewhere.example/"})
    assert response["Location"] == reverse("dashboard")


def test_hidden_details_stay_out_of_the_directory_until_the_member_chooses(client, newly_approved, other_member):
    client.force_login(other_member)
    body = client.get(reverse("members:detail", args=[newly_approved.pk])).content.decode()
    assert newly_approved.organisation not in body


def test_saving_the_profile_counts_as_the_choice(newly_approved):
    services.member_update_profile(member=newly_approved, show_country=True)
    newly_approved.refresh_from_db()
    assert newly_approved.privacy_chosen_at is not None and newly_approved.show_country


def test_members_from_before_keep_their_choice_and_applicants_start_hidden():
    migration = importlib.import_module("accounts.migrations.0007_private_by_default_and_quick_exit_choice")
    member = UserFactory(role=Role.MEMBER, show_country=True, show_organisation=False, privacy_chosen_at=None)
    applicant = UserFactory(
        role=Role.APPLICANT, status=Status.PENDING, show_country=True, show_presence=True, privacy_chosen_at=None
    )
    migration.existing_accounts_have_chosen(live_apps, None)
    member.refresh_from_db()
    applicant.refresh_from_db()
    assert member.show_country and not member.show_organisation and member.privacy_chosen_at is not None
    assert not applicant.show_country and not applicant.show_presence and applicant.privacy_chosen_at is None
