import pytest
from allauth.usersessions.models import UserSession
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role, Status
from moderation.models import AppendOnlyError
from moderation.services import audit_record
from tests.factories import UserFactory
from tests.helpers import with_second_factor

pytestmark = pytest.mark.django_db


def test_a_moderator_without_two_factor_is_sent_to_set_it_up(client):
    moderator = UserFactory(role=Role.MODERATOR, two_factor=False)
    client.force_login(moderator)
    response = client.get("/moderation/")
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/totp/activate/"


def test_an_admin_without_two_factor_cannot_use_the_django_admin(client):
    admin = UserFactory(role=Role.ADMIN, two_factor=False)
    client.force_login(admin)
    response = client.get("/admin/", follow=True)
    assert any("/accounts/2fa/totp/activate/" in url for url, _status in response.redirect_chain)
    assert "/admin/" not in response.redirect_chain[-1][0]


def test_an_admin_with_two_factor_uses_the_django_admin(client, admin_user):
    with_second_factor(admin_user, client)
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("model", ["inboxassignment", "inboxnote", "auditentry", "report"])
def test_the_moderation_records_are_listed_in_the_django_admin(client, admin_user, model):
    with_second_factor(admin_user, client)
    assert client.get(f"/admin/moderation/{model}/").status_code == 200
    # The inbox records are written through the inbox, never added here.
    if model != "report":
        assert client.get(f"/admin/moderation/{model}/add/").status_code == 403


def test_a_moderator_is_not_let_into_the_django_admin(client, moderator):
    with_second_factor(moderator, client)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403


def test_approving_from_the_queue_activates_the_applicant(moderator_client):
    applicant = UserFactory(role=Role.APPLICANT, status=Status.PENDING, display_name="Bakhyt")
    response = moderator_client.post(f"/moderation/applications/{applicant.pk}/approve/", {"role": "expert"})
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert (applicant.status, applicant.role) == (Status.ACTIVE, Role.EXPERT)


def test_a_moderator_cannot_approve_someone_as_admin_by_editing_the_form(moderator_client):
    applicant = UserFactory(role=Role.APPLICANT, status=Status.PENDING)
    moderator_client.post(f"/moderation/applications/{applicant.pk}/approve/", {"role": "admin"})
    applicant.refresh_from_db()
    assert applicant.status == Status.PENDING


def test_rejecting_without_a_reason_keeps_the_application_and_says_why(moderator_client):
    applicant = UserFactory(role=Role.APPLICANT, status=Status.PENDING)
    response = moderator_client.post(f"/moderation/applications/{applicant.pk}/reject/", {"reason": ""}, follow=True)
    assert "Please give a reason" in response.content.decode()
    applicant.refresh_from_db()
    assert applicant.status == Status.PENDING


def test_an_unknown_decision_is_not_found(moderator_client):
    applicant = UserFactory(role=Role.APPLICANT, status=Status.PENDING)
    assert moderator_client.post(f"/moderation/applications/{applicant.pk}/delete/").status_code == 404


def test_suspending_from_the_member_page_ends_their_sessions(moderator_client, member, client):
    from django.test import Client

    member_browser = Client()
    member_browser.force_login(member)
    response = moderator_client.post(f"/moderation/members/{member.pk}/suspend/", {"reason": "Threats"})
    assert response.status_code == 302
    assert not UserSession.objects.filter(user=member).exists()
    assert member_browser.get("/").status_code == 302


def test_a_moderator_cannot_suspend_an_admin(moderator_client, admin_user):
    moderator_client.post(f"/moderation/members/{admin_user.pk}/suspend/", {"reason": "x"})
    admin_user.refresh_from_db()
    assert admin_user.status == Status.ACTIVE


def test_sending_an_invitation_shows_the_link_once_and_emails_it(
    moderator_client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post("/moderation/invitations/", {"email": "new@example.org", "role": "member"})
    body = response.content.decode()
    assert "/accounts/invite/" in body
    assert any("new@example.org" in m.to for m in mailoutbox)
    # The list afterwards never shows a working link again.
    assert "/accounts/invite/" not in moderator_client.get("/moderation/invitations/").content.decode()


def test_inviting_an_existing_member_shows_a_clear_message(moderator_client, member):
    response = moderator_client.post("/moderation/invitations/", {"email": member.email, "role": "member"})
    assert response.status_code == 200
    assert "already has an account" in response.content.decode()


def test_the_audit_log_is_append_only(moderator):
    entry = audit_record(actor=moderator, action="member.warn")
    entry.reason = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_the_audit_log_filters_by_action(moderator_client, moderator):
    audit_record(actor=moderator, action="member.suspend", reason="first-reason")
    audit_record(actor=moderator, action="application.approve", reason="second-reason")
    body = moderator_client.get("/moderation/audit/", {"action": "member."}).content.decode()
    assert "first-reason" in body and "second-reason" not in body


@pytest.mark.parametrize("path", ["/moderation/audit/", "/moderation/members/", "/moderation/applications/"])
def test_moderation_lists_use_a_constant_number_of_queries(moderator_client, moderator, path):
    def grow(n):
        for i in range(n):
            person = UserFactory(role=Role.APPLICANT, status=Status.PENDING)
            UserFactory()
            audit_record(actor=moderator, action="member.suspend", target=person, reason=f"r{i}")

    grow(2)
    moderator_client.get(path)
    with CaptureQueriesContext(connection) as small:
        moderator_client.get(path)
    grow(25)
    with CaptureQueriesContext(connection) as large:
        assert moderator_client.get(path).status_code == 200
    assert len(small) == len(large)
    assert len(large) <= 10
