from datetime import timedelta

import pytest
from allauth.usersessions.models import UserSession
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts import services
from accounts.models import Invitation, Role, Status
from moderation.models import AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant():
    return UserFactory(role=Role.APPLICANT, status=Status.PENDING, display_name="Zarina")


def test_approving_an_application_activates_the_member_and_writes_the_audit_log(
    moderator, applicant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.application_approve(actor=moderator, applicant=applicant, role=Role.MEMBER)
    applicant.refresh_from_db()
    assert (applicant.status, applicant.role) == (Status.ACTIVE, Role.MEMBER)
    entry = AuditEntry.objects.get(action="application.approve")
    assert entry.actor == moderator and entry.target_user == applicant
    assert mail.outbox[-1].to == [applicant.email]


def test_approval_email_has_a_neutral_subject_and_no_content(moderator, applicant, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.application_approve(actor=moderator, applicant=applicant)
    subject = mail.outbox[-1].subject
    assert "violence" not in subject.lower() and "approved" not in subject.lower()


def test_rejecting_requires_a_reason(moderator, applicant):
    with pytest.raises(ValidationError) as error:
        services.application_reject(actor=moderator, applicant=applicant, reason="  ")
    assert error.value.code == "reason_required"
    applicant.refresh_from_db()
    assert applicant.status == Status.PENDING


def test_rejecting_records_the_reason_for_the_applicant(moderator, applicant):
    services.application_reject(actor=moderator, applicant=applicant, reason="Not a member organisation")
    applicant.refresh_from_db()
    assert applicant.status == Status.REJECTED
    assert applicant.status_reason == "Not a member organisation"
    assert AuditEntry.objects.filter(action="application.reject", reason="Not a member organisation").exists()


def test_an_application_cannot_be_decided_twice(moderator, applicant):
    services.application_approve(actor=moderator, applicant=applicant)
    with pytest.raises(ValidationError) as error:
        services.application_reject(actor=moderator, applicant=applicant, reason="late")
    assert error.value.code == "already_decided"


def test_members_and_experts_cannot_approve_applications(member, expert, applicant):
    for actor in (member, expert):
        with pytest.raises(PermissionDenied):
            services.application_approve(actor=actor, applicant=applicant)


def test_a_moderator_without_two_factor_cannot_approve(applicant):
    moderator = UserFactory(role=Role.MODERATOR, two_factor=False)
    with pytest.raises(PermissionDenied):
        services.application_approve(actor=moderator, applicant=applicant)


def test_a_moderator_cannot_approve_someone_straight_to_moderator(moderator, applicant):
    with pytest.raises(PermissionDenied):
        services.application_approve(actor=moderator, applicant=applicant, role=Role.MODERATOR)


# Invitations


def test_an_invitation_stores_only_a_hash_of_its_token(moderator):
    invitation, token = services.invitation_create(actor=moderator, email="New@Example.org")
    assert invitation.email == "new@example.org"
    assert token not in invitation.token_hash
    assert services.invitation_check(token) == invitation


def test_an_expired_invitation_is_refused_with_its_reason(moderator):
    invitation, token = services.invitation_create(actor=moderator, email="late@example.org")
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationError) as error:
        services.invitation_check(token)
    assert error.value.code == "expired"


def test_a_used_invitation_cannot_be_used_again(moderator):
    invitation, token = services.invitation_create(actor=moderator, email="once@example.org")
    newcomer = UserFactory(email="once@example.org", role=Role.APPLICANT, status=Status.PENDING)
    services.invitation_accept(invitation=invitation, user=newcomer)
    with pytest.raises(ValidationError) as error:
        services.invitation_check(token)
    assert error.value.code == "accepted"


def test_an_invitation_accepted_by_another_email_is_refused(moderator):
    invitation, _token = services.invitation_create(actor=moderator, email="invited@example.org")
    stranger = UserFactory(email="stranger@example.org", role=Role.APPLICANT, status=Status.PENDING)
    with pytest.raises(ValidationError) as error:
        services.invitation_accept(invitation=invitation, user=stranger)
    assert error.value.code == "wrong_email"
    stranger.refresh_from_db()
    assert stranger.status == Status.PENDING


def test_a_revoked_invitation_no_longer_works(moderator):
    invitation, token = services.invitation_create(actor=moderator, email="revoked@example.org")
    services.invitation_revoke(actor=moderator, invitation=invitation)
    with pytest.raises(ValidationError) as error:
        services.invitation_check(token)
    assert error.value.code == "revoked"
    assert AuditEntry.objects.filter(action="invitation.revoke").exists()


def test_inviting_an_existing_account_is_refused(moderator, member):
    with pytest.raises(ValidationError) as error:
        services.invitation_create(actor=moderator, email=member.email.upper())
    assert error.value.code == "email_taken"


def test_a_moderator_can_invite_experts_but_not_moderators(moderator):
    services.invitation_create(actor=moderator, email="expert2@example.org", role=Role.EXPERT)
    with pytest.raises(PermissionDenied):
        services.invitation_create(actor=moderator, email="mod2@example.org", role=Role.MODERATOR)


def test_an_admin_can_invite_a_moderator(admin_user):
    invitation, _ = services.invitation_create(actor=admin_user, email="mod3@example.org", role=Role.MODERATOR)
    assert invitation.role == Role.MODERATOR


def test_members_cannot_invite(member):
    with pytest.raises(PermissionDenied):
        services.invitation_create(actor=member, email="friend@example.org")


# Roles, suspension, sessions


def test_a_moderator_can_make_a_member_an_expert(moderator, member):
    services.member_change_role(actor=moderator, member=member, role=Role.EXPERT, reason="Published researcher")
    member.refresh_from_db()
    assert member.role == Role.EXPERT
    entry = AuditEntry.objects.get(action="member.change_role")
    assert entry.data == {"from": "member", "to": "expert"}


def test_a_moderator_cannot_make_anyone_a_moderator(moderator, member):
    with pytest.raises(PermissionDenied):
        services.member_change_role(actor=moderator, member=member, role=Role.MODERATOR)


def test_a_moderator_cannot_change_another_moderator(moderator):
    other = UserFactory(role=Role.MODERATOR)
    with pytest.raises(PermissionDenied):
        services.member_change_role(actor=moderator, member=other, role=Role.MEMBER)


def test_an_admin_can_make_a_moderator(admin_user, member):
    services.member_change_role(actor=admin_user, member=member, role=Role.MODERATOR)
    member.refresh_from_db()
    assert member.role == Role.MODERATOR


def test_nobody_changes_their_own_role(admin_user):
    with pytest.raises(PermissionDenied):
        services.member_change_role(actor=admin_user, member=admin_user, role=Role.MEMBER)


def test_suspending_ends_every_session_at_once(client, moderator, member):
    client.force_login(member)
    assert client.get("/").status_code == 200
    services.member_suspend(actor=moderator, member=member, reason="Harassment in chat")
    member.refresh_from_db()
    assert member.status == Status.SUSPENDED
    assert not UserSession.objects.filter(user=member).exists()
    # The old session cookie no longer authenticates.
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert AuditEntry.objects.filter(action="member.suspend", reason="Harassment in chat").exists()


def test_suspension_requires_a_reason(moderator, member):
    with pytest.raises(ValidationError):
        services.member_suspend(actor=moderator, member=member, reason="")


def test_a_suspended_member_sees_only_the_status_page_after_logging_in_again(client, moderator, member):
    services.member_suspend(actor=moderator, member=member, reason="Spam")
    member.refresh_from_db()
    client.force_login(member)
    response = client.get("/forum/")
    assert response.status_code == 302 and response["Location"] == "/accounts/status/"
    assert "Spam" in client.get("/accounts/status/").content.decode()


def test_reactivating_restores_access(client, moderator, member):
    services.member_suspend(actor=moderator, member=member, reason="Spam")
    services.member_reactivate(actor=moderator, member=member)
    member.refresh_from_db()
    client.force_login(member)
    assert client.get("/").status_code == 200


def test_ending_sessions_logs_the_member_out_everywhere(client, moderator, member):
    client.force_login(member)
    services.member_end_sessions(actor=moderator, member=member, reason="Phone seized")
    response = client.get("/")
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == Status.ACTIVE
    assert AuditEntry.objects.filter(action="member.end_sessions").exists()


def test_suspension_tells_open_websockets_to_close(
    moderator, member, django_capture_on_commit_callbacks, channel_layer
):
    from asgiref.sync import async_to_sync

    from core.realtime import user_group

    layer = channel_layer
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(user_group(member.pk), channel)
    with django_capture_on_commit_callbacks(execute=True):
        services.member_suspend(actor=moderator, member=member, reason="Abuse")
    message = async_to_sync(layer.receive)(channel)
    assert message["type"] == "access.revoked"
