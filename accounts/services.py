"""Membership: applications, invitations, roles, suspension and sessions.

Every function checks the actor's rights itself, runs in one transaction, writes its audit
entry, and queues emails and WebSocket signals for after the commit.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.emails import send_neutral_email_on_commit
from core.ratelimit import rate_limited
from core.realtime import user_access_changed_on_commit, user_access_revoked_on_commit, user_sessions_verify_on_commit
from moderation.audit import AuditAction, audit_record

from . import permissions, time_zones
from .models import Invitation, Role, Status, User


def _email_member(user: User, template: str, **context) -> None:
    send_neutral_email_on_commit(
        to=user.email,
        template=f"accounts/email/{template}",
        context={"user": user, "site_url": settings.SITE_URL, "site_name": settings.SITE_NAME, **context},
        language=user.ui_language,
    )


def _locked(user: User) -> User:
    return User.objects.select_for_update().get(pk=user.pk)


# Applications ---------------------------------------------------------------------------


def application_fill(
    *, user: User, organisation: str, country, role_in_organisation: str, motivation: str, display_name: str
) -> User:
    """Set the application fields on a new account (called by the signup adapter)."""
    user.display_name = display_name.strip()
    user.organisation = organisation.strip()
    user.country = country
    user.role_in_organisation = role_in_organisation.strip()
    user.motivation = motivation.strip()
    user.role = Role.APPLICANT
    user.status = Status.PENDING
    return user


def application_submitted(*, applicant: User) -> None:
    """A new application waits in the moderation queue."""
    from moderation.services import moderators_notify

    moderators_notify(
        url=reverse("moderation:applications"),
        actor=applicant,
        country_ids={applicant.country_id} if applicant.country_id else None,
        verb="application",
    )


@transaction.atomic
def application_approve(*, actor: User, applicant: User, role: str = Role.MEMBER, reason: str = "") -> User:
    if not permissions.can_review_applications(actor) or role not in permissions.assignable_roles(actor):
        raise PermissionDenied
    applicant = _locked(applicant)
    if applicant.status != Status.PENDING:
        raise ValidationError(_("This application has already been decided."), code="already_decided")
    applicant.status = Status.ACTIVE
    applicant.role = role
    applicant.status_reason = reason
    applicant.approved_at = timezone.now()
    applicant.save(update_fields=["status", "role", "status_reason", "approved_at", "updated_at"])
    audit_record(
        actor=actor, action=AuditAction.APPLICATION_APPROVE, target=applicant, reason=reason, data={"role": role}
    )
    _email_member(applicant, "application_approved")
    return applicant


@transaction.atomic
def application_reject(*, actor: User, applicant: User, reason: str) -> User:
    if not permissions.can_review_applications(actor):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Please give a reason; the applicant will read it."), code="reason_required")
    applicant = _locked(applicant)
    if applicant.status != Status.PENDING:
        raise ValidationError(_("This application has already been decided."), code="already_decided")
    applicant.status = Status.REJECTED
    applicant.status_reason = reason.strip()
    applicant.save(update_fields=["status", "status_reason", "updated_at"])
    audit_record(actor=actor, action=AuditAction.APPLICATION_REJECT, target=applicant, reason=reason)
    _email_member(applicant, "application_rejected", reason=applicant.status_reason)
    return applicant


# Invitations ----------------------------------------------------------------------------


@rate_limited("invite", user_arg="actor")
@transaction.atomic
def invitation_create(*, actor: User, email: str, role: str = Role.MEMBER) -> tuple[Invitation, str]:
    """Create an invitation and email its link. Returns the invitation and the raw token
    (shown once to the moderator, never stored)."""
    if not permissions.can_invite(actor, role):
        raise PermissionDenied
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(_("Someone with this email address already has an account."), code="email_taken")
    Invitation.objects.open().filter(email__iexact=email).update(revoked_at=timezone.now())
    token, token_hash = Invitation.new_token()
    invitation = Invitation.objects.create(
        email=email,
        role=role,
        token_hash=token_hash,
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_TTL_DAYS),
    )
    audit_record(
        actor=actor, action=AuditAction.INVITATION_CREATE, target=invitation, data={"email": email, "role": role}
    )
    link = settings.SITE_URL + reverse("accounts:invitation", args=[token])
    send_neutral_email_on_commit(
        to=email,
        template="accounts/email/invitation",
        context={"link": link, "site_name": settings.SITE_NAME, "expires_at": invitation.expires_at},
    )
    return invitation, token


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    if not permissions.can_moderate(actor):
        raise PermissionDenied
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.state != "open":
        raise ValidationError(_("Only an open invitation can be revoked."), code="not_open")
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_record(actor=actor, action=AuditAction.INVITATION_REVOKE, target=invitation, data={"email": invitation.email})
    return invitation


INVITATION_ERRORS = {
    "invalid": _("This invitation link is not valid. Please check that you copied all of it."),
    "expired": _("This invitation has expired. Please ask the moderator who invited you for a new one."),
    "accepted": _("This invitation has already been used. If it was you, please log in."),
    "revoked": _("This invitation has been withdrawn. Please contact the moderators."),
}


def invitation_check(token: str) -> Invitation:
    """Return the open invitation for ``token`` or raise ValidationError saying why not."""
    invitation = Invitation.objects.filter(token_hash=Invitation.hash_token(token or "")).first()
    if invitation is None:
        raise ValidationError(str(INVITATION_ERRORS["invalid"]), code="invalid")
    if invitation.state != "open":
        raise ValidationError(str(INVITATION_ERRORS[invitation.state]), code=invitation.state)
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> User:
    """Approve a new account created through an invitation link (called at signup)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.state != "open":
        raise ValidationError(str(INVITATION_ERRORS[invitation.state]), code=invitation.state)
    if invitation.email.lower() != user.email.lower():
        raise ValidationError(_("This invitation was sent to a different email address."), code="wrong_email")
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    user.role = invitation.role
    user.status = Status.ACTIVE
    user.approved_at = timezone.now()
    user.save(update_fields=["role", "status", "approved_at", "updated_at"])
    audit_record(
        actor=invitation.invited_by, action=AuditAction.INVITATION_ACCEPT, target=user, data={"role": invitation.role}
    )
    return user


# Members --------------------------------------------------------------------------------


@transaction.atomic
def member_change_role(*, actor: User, member: User, role: str, reason: str = "") -> User:
    if not permissions.can_change_role(actor, member, role):
        raise PermissionDenied
    member = _locked(member)
    previous = member.role
    if previous == role:
        return member
    member.role = role
    member.save(update_fields=["role", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.MEMBER_CHANGE_ROLE,
        target=member,
        reason=reason,
        data={"from": previous, "to": role},
    )
    user_access_changed_on_commit(member.pk)
    return member


def _end_sessions(member: User) -> None:
    from allauth.usersessions.models import UserSession

    # A new generation invalidates every session's auth hash at once (also ones no list
    # knows of); ending the tracked sessions removes them from the member's session list.
    member.session_generation += 1
    member.save(update_fields=["session_generation", "updated_at"])
    for session in UserSession.objects.filter(user=member):
        session.end()
    user_access_revoked_on_commit(member.pk)


@transaction.atomic
def member_suspend(*, actor: User, member: User, reason: str) -> User:
    if not permissions.can_manage_member(actor, member):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Please give a reason for the suspension."), code="reason_required")
    member = _locked(member)
    if member.status == Status.SUSPENDED:
        raise ValidationError(_("This account is already suspended."), code="already_suspended")
    member.status = Status.SUSPENDED
    member.status_reason = reason.strip()
    member.save(update_fields=["status", "status_reason", "updated_at"])
    _end_sessions(member)
    audit_record(actor=actor, action=AuditAction.MEMBER_SUSPEND, target=member, reason=reason)
    _email_member(member, "account_suspended", reason=member.status_reason)
    return member


@transaction.atomic
def member_reactivate(*, actor: User, member: User, reason: str = "") -> User:
    if not permissions.can_manage_member(actor, member):
        raise PermissionDenied
    member = _locked(member)
    if member.status != Status.SUSPENDED:
        raise ValidationError(_("Only a suspended account can be reactivated."), code="not_suspended")
    member.status = Status.ACTIVE
    member.status_reason = ""
    member.save(update_fields=["status", "status_reason", "updated_at"])
    audit_record(actor=actor, action=AuditAction.MEMBER_REACTIVATE, target=member, reason=reason)
    return member


@transaction.atomic
def member_end_sessions(*, actor: User, member: User, reason: str = "") -> User:
    """End every session of a member, e.g. when their phone was seized."""
    if not permissions.can_manage_member(actor, member):
        raise PermissionDenied
    member = _locked(member)
    _end_sessions(member)
    audit_record(actor=actor, action=AuditAction.MEMBER_END_SESSIONS, target=member, reason=reason)
    return member


@transaction.atomic
def member_second_factor_reset(*, actor: User, member: User, reason: str) -> User:
    """An admin removes a member's second factor (a lost or seized device): they set it up
    again at their next login, and every session that used the old one ends."""
    from allauth.mfa.models import Authenticator

    if not permissions.can_reset_second_factor(actor, member):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Please give a reason for the reset."), code="reason_required")
    member = _locked(member)
    removed, _by_type = Authenticator.objects.filter(user=member).delete()
    _end_sessions(member)
    audit_record(
        actor=actor,
        action=AuditAction.MEMBER_SECOND_FACTOR_RESET,
        target=member,
        reason=reason.strip(),
        data={"authenticators": removed},
    )
    return member


@transaction.atomic
def member_sessions_end_others(*, member: User, keep_session_key: str | None) -> int:
    """After the member's password changed (changed, set or reset): end every other session.
    The new password already invalidates their authentication hash; ending the tracked ones
    removes them from the store and the session list, and closes their chat connections.
    Returns how many sessions were ended."""
    from allauth.usersessions.models import UserSession

    # The current request's session is kept: deleting it mid-request would fail its save.
    others = UserSession.objects.filter(user=member).exclude(session_key=keep_session_key or "")
    ended = 0
    for session in others:
        session.end()
        ended += 1
    # Sessions no list knows of end by their stale hash; their open connections check it.
    user_sessions_verify_on_commit(member.pk)
    return ended


@transaction.atomic
def member_update_profile(*, member: User, **fields) -> User:
    editable = {
        "display_name",
        "organisation",
        "country",
        "role_in_organisation",
        "bio",
        "show_organisation",
        "show_country",
        "show_presence",
        "light_mode",
        "discreet_mode",
        "stay_signed_in_after_exit",
        "ui_language",
        "time_zone",
    }
    if "time_zone" in fields:
        fields["time_zone"] = time_zones.clean(fields["time_zone"])
    languages = fields.pop("languages", None)
    expertise = fields.pop("expertise", None)
    unknown = set(fields) - editable
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(member, name, value)
    if member.privacy_chosen_at is None and {"show_organisation", "show_country", "show_presence"} & set(fields):
        # Saving these on the profile page is a choice too: the first-login question is not asked.
        member.privacy_chosen_at = timezone.now()
    member.save()
    if languages is not None:
        member.languages.set(languages)
    if expertise is not None:
        member.expertise.set(expertise)
    return member


@transaction.atomic
def member_privacy_choose(*, member: User, show_organisation: bool, show_country: bool, show_presence: bool) -> User:
    """The member's answer to the first-login question about what other members see. Skipping
    it is answering "nothing": either way it is recorded and not asked again."""
    member = _locked(member)
    member.show_organisation = show_organisation
    member.show_country = show_country
    member.show_presence = show_presence
    member.privacy_chosen_at = timezone.now()
    member.save(update_fields=["show_organisation", "show_country", "show_presence", "privacy_chosen_at", "updated_at"])
    return member


def member_guess_time_zone(*, member: User, name: str) -> bool:
    """Store the zone the member's browser reports, only while they have never chosen one:
    a choice made on the profile page is never overwritten. Returns whether it was stored.
    Raises ValidationError for a name that is not a time zone."""
    if not permissions.is_active_member(member):
        raise PermissionDenied(_("Only active members have settings."))
    name = time_zones.clean(name)
    if not name:
        raise ValidationError(_("Choose a time zone from the list."), code="invalid_time_zone")
    # One conditional UPDATE: two tabs guessing at once cannot overwrite a choice made between them.
    stored = User.objects.filter(pk=member.pk, time_zone="").update(time_zone=name, updated_at=timezone.now())
    if stored:
        member.time_zone = name
    return bool(stored)


def login_recorded(*, user: User, user_agent: str) -> bool:
    """Remember the browser a member logged in with; when it is new (and not their very
    first), email them a neutral notice. Returns whether the browser was new."""
    from .models import KnownDevice

    fingerprint = hashlib.sha256(user_agent.encode("utf-8", "ignore")).hexdigest()
    had_devices = KnownDevice.objects.filter(user=user).exists()
    _device, created = KnownDevice.objects.get_or_create(user=user, fingerprint=fingerprint)
    if created and had_devices:
        _email_member(user, "new_login")
    return created
