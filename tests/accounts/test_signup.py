from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.utils import timezone

from accounts import services
from accounts.models import Invitation, Role, Status, User
from taxonomy.models import Country

pytestmark = pytest.mark.django_db

PASSWORD = "a long passphrase 2026"


def application(**overrides):
    data = {
        "email": "applicant@example.org",
        "display_name": "Madina",
        "organisation": "Legal aid clinic",
        "country": Country.objects.get(slug="tj").pk,
        "role_in_organisation": "Lawyer",
        "motivation": "To learn from protection-order practice in the region.",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    return data | overrides


def test_applying_creates_a_pending_account_with_the_application(client):
    response = client.post("/accounts/signup/", application())
    assert response.status_code == 302
    user = User.objects.get(email="applicant@example.org")
    assert (user.role, user.status) == (Role.APPLICANT, Status.PENDING)
    assert user.organisation == "Legal aid clinic" and user.country.slug == "tj"
    assert user.motivation.startswith("To learn")


def test_an_application_without_motivation_is_refused_and_keeps_what_was_typed(client):
    response = client.post("/accounts/signup/", application(motivation=""))
    assert response.status_code == 200
    body = response.content.decode()
    assert "This field is required." in body
    assert "Legal aid clinic" in body
    assert not User.objects.filter(email="applicant@example.org").exists()


def test_an_applicant_must_verify_their_email_before_logging_in(client):
    client.post("/accounts/signup/", application())
    client.logout()
    response = client.post("/accounts/login/", {"login": "applicant@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert "/accounts/confirm-email/" in response["Location"]


def test_hostile_display_names_are_shown_as_text(moderator_client):
    Client().post("/accounts/signup/", application(display_name="<script>alert(1)</script>"))
    body = moderator_client.get("/moderation/applications/").content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body


def _invite(actor, email="invited@example.org", role=Role.MEMBER):
    return services.invitation_create(actor=actor, email=email, role=role)


def test_an_invited_person_signs_up_already_approved_and_verified(client, moderator):
    _invitation, token = _invite(moderator, role=Role.EXPERT)
    response = client.get(f"/accounts/invite/{token}/")
    assert response.status_code == 302 and response["Location"] == "/accounts/signup/"
    response = client.post("/accounts/signup/", application(email="invited@example.org", motivation=""))
    assert response.status_code == 302
    user = User.objects.get(email="invited@example.org")
    assert (user.role, user.status) == (Role.EXPERT, Status.ACTIVE)
    assert EmailAddress.objects.get(user=user).verified
    assert Invitation.objects.get().accepted_by == user


def test_an_invitation_link_cannot_be_used_for_another_address(client, moderator):
    _invitation, token = _invite(moderator)
    client.get(f"/accounts/invite/{token}/")
    response = client.post("/accounts/signup/", application(email="someone.else@example.org", motivation=""))
    assert response.status_code == 200
    assert "This invitation was sent to a different email address." in response.content.decode()
    assert not User.objects.filter(email="someone.else@example.org").exists()


def test_an_expired_invitation_link_explains_itself(client, moderator):
    invitation, token = _invite(moderator)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(days=1))
    response = client.get(f"/accounts/invite/{token}/")
    assert response.status_code == 410
    assert "This invitation has expired" in response.content.decode()


def test_a_reused_invitation_link_explains_itself(client, moderator):
    _invitation, token = _invite(moderator)
    client.get(f"/accounts/invite/{token}/")
    client.post("/accounts/signup/", application(email="invited@example.org", motivation=""))
    client.logout()
    response = client.get(f"/accounts/invite/{token}/")
    assert response.status_code == 410
    assert "already been used" in response.content.decode()


def test_a_made_up_invitation_link_is_refused(client):
    response = client.get("/accounts/invite/not-a-real-token/")
    assert response.status_code == 410
    assert "not valid" in response.content.decode()
