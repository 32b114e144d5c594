"""Writes shared by every app's moderation: the audit log and member reports."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts import services as account_services
from accounts.models import Role, User
from core.emails import send_neutral_email_on_commit
from notifications.models import Kind
from notifications.services import notify

from . import registry, selectors
from .audit import AuditAction, audit_record
from .models import AuditEntry, InboxAssignment, InboxNote, Report


def moderators_notify(
    *, url: str, title: str = "", actor=None, target: models.Model | None = None, country_ids=None, verb: str = ""
) -> None:
    """Tell moderators that something new waits in their queue (neutral: no content);
    ``verb`` says what ("report", "application", "resource").
    With ``country_ids``, only global moderators and those scoped to one of them."""
    recipients = User.objects.moderators()
    if country_ids is not None:
        recipients = recipients.filter(
            Q(moderated_countries__isnull=True) | Q(moderated_countries__in=list(country_ids))
        ).distinct()
    notify(
        kind=Kind.MODERATION,
        recipient_ids=recipients.values_list("pk", flat=True),
        url=url,
        title=title,
        actor=actor,
        target=target,
        verb=verb,
    )


@transaction.atomic
def report_create(
    *, reporter, target: models.Model, reason: str, note: str = "", snapshot: str = "", target_author=None
) -> Report:
    if not permissions.can_participate(reporter):
        raise ValidationError(_("Only members can report content."), code="forbidden")
    if reason not in Report.Reason.values:
        raise ValidationError(_("Choose a reason for the report."), code="invalid_reason")
    content_type = ContentType.objects.get_for_model(target)
    existing = Report.objects.filter(
        reporter=reporter, content_type=content_type, object_id=target.pk, state=Report.State.OPEN
    ).first()
    if existing:
        return existing
    url = target.get_absolute_url() if hasattr(target, "get_absolute_url") else ""
    moderators_notify(
        url=reverse("moderation:reports"),
        title=str(Report.Reason(reason).label),
        actor=reporter,
        country_ids=selectors.target_country_ids(target),
        verb="report",
    )
    return Report.objects.create(
        reporter=reporter,
        content_type=content_type,
        object_id=target.pk,
        target_author=target_author,
        snapshot=snapshot[:5000] or str(target)[:5000],
        target_url=url,
        reason=reason,
        note=note.strip()[:2000],
    )


@transaction.atomic
def report_resolve(*, actor, report: Report, state: str, reason: str = "") -> Report:
    if not permissions.can_moderate(actor):
        raise ValidationError(_("Only moderators can resolve reports."), code="forbidden")
    if state not in (Report.State.DISMISSED, Report.State.ACTIONED):
        raise ValidationError(_("Unknown decision."), code="invalid_state")
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.state != Report.State.OPEN:
        raise ValidationError(_("This report has already been handled."), code="already_resolved")
    report.state = state
    report.resolved_by = actor
    report.resolved_at = timezone.now()
    report.save(update_fields=["state", "resolved_by", "resolved_at"])
    audit_record(
        actor=actor,
        action=AuditAction(f"report.{state}"),
        target=report,
        target_user=report.target_author,
        reason=reason,
        data={"reason": report.reason, "url": report.target_url},
    )
    return report


def reports_resolve_for(*, actor, target: models.Model) -> int:
    """Mark every open report on ``target`` as actioned, e.g. after hiding it."""
    content_type = ContentType.objects.get_for_model(target)
    return Report.objects.filter(content_type=content_type, object_id=target.pk, state=Report.State.OPEN).update(
        state=Report.State.ACTIONED, resolved_by=actor, resolved_at=timezone.now()
    )


# The moderation inbox ---------------------------------------------------------------------

REPORT_ACTIONS = ("dismiss", "hide", "delete", "warn", "suspend")


def _require_scope(actor, kind: str, obj) -> None:
    """Every inbox write checks the moderator's countries itself, whoever calls it."""
    if not permissions.can_moderate(actor):
        raise PermissionDenied(_("Only moderators with two-factor login can do this."))
    if not selectors.in_scope(actor, kind, obj.pk):
        raise PermissionDenied(_("This item is outside the countries you moderate."))


def _clean_reason(reason: str, *, required: bool) -> str:
    reason = (reason or "").strip()[:2000]
    if required and not reason:
        raise ValidationError(_("Please give a reason."), code="reason_required")
    return reason


@transaction.atomic
def member_warn(*, actor, member, reason: str, target: models.Model | None = None) -> AuditEntry:
    """A neutral warning to a member: an email and a notification that only say the
    moderators wrote to them, with the moderator's words; the moderator stays unnamed."""
    if not permissions.can_manage_member(actor, member):
        raise PermissionDenied(_("You cannot warn this member."))
    reason = _clean_reason(reason, required=True)
    entry = audit_record(
        actor=actor,
        action=AuditAction.MEMBER_WARN,
        target=target or member,
        target_user=member,
        reason=reason,
    )
    notify(
        kind=Kind.MODERATION,
        recipient_ids=[member.pk],
        url="/",
        title=_("A message from the moderators"),
        verb=AuditAction.MEMBER_WARN,
        reason=reason,
    )
    send_neutral_email_on_commit(
        to=member.email,
        template="moderation/email/warning",
        context={"user": member, "reason": reason, "site_url": settings.SITE_URL, "site_name": settings.SITE_NAME},
        language=member.ui_language,
    )
    return entry


def _hide(*, actor, target, reason: str) -> None:
    kind = registry.kind_of(target)
    if kind is None or kind.hide is None:
        raise ValidationError(_("This kind of content cannot be hidden."), code="not_hideable")
    kind.hide(actor=actor, item=target, reason=reason)


def _delete(*, actor, target, reason: str) -> None:
    kind = registry.kind_of(target)
    if kind is None or kind.delete is None:
        raise ValidationError(_("This content cannot be deleted; hide it instead."), code="not_deletable")
    kind.delete(actor=actor, item=target, reason=reason)


@transaction.atomic
def inbox_report_act(*, actor, report: Report, action: str, reason: str = "") -> Report:
    """Act on a report from the inbox through the owning app's service, then close it.
    Each step writes its own audit entry."""
    _require_scope(actor, selectors.REPORT, report)
    if action not in REPORT_ACTIONS:
        raise ValidationError(_("Unknown decision."), code="invalid_action")
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.state != Report.State.OPEN:
        raise ValidationError(_("This report has already been handled."), code="already_resolved")
    if action == "dismiss":
        return report_resolve(actor=actor, report=report, state=Report.State.DISMISSED, reason=reason)
    reason = _clean_reason(reason, required=True)
    if action in ("hide", "delete"):
        target = report.target
        if target is None:
            raise ValidationError(_("The reported content no longer exists."), code="gone")
        (_hide if action == "hide" else _delete)(actor=actor, target=target, reason=reason)
    else:
        if report.target_author is None:
            raise ValidationError(_("The author's account no longer exists."), code="no_author")
        if action == "warn":
            member_warn(actor=actor, member=report.target_author, reason=reason, target=report)
        else:
            account_services.member_suspend(actor=actor, member=report.target_author, reason=reason)
    report.refresh_from_db()
    if report.state == Report.State.OPEN:
        report = report_resolve(actor=actor, report=report, state=Report.State.ACTIONED, reason=reason)
    return report


@transaction.atomic
def inbox_application_decide(*, actor, applicant, decision: str, role: str = "", reason: str = ""):
    _require_scope(actor, selectors.APPLICATION, applicant)
    if decision == "approve":
        return account_services.application_approve(actor=actor, applicant=applicant, role=role, reason=reason)
    if decision == "reject":
        return account_services.application_reject(actor=actor, applicant=applicant, reason=reason)
    raise ValidationError(_("Unknown decision."), code="invalid_action")


@transaction.atomic
def inbox_item_decide(*, actor, kind: str, item, decision: str, reason: str = ""):
    """Approve or reject an item an app put in the inbox (``registry.InboxKind``)."""
    registered = registry.inbox_kind(kind)
    if registered is None:
        raise ValidationError(_("Unknown decision."), code="invalid_action")
    _require_scope(actor, kind, item)
    return registered.decide(actor=actor, item=item, decision=decision, reason=reason)


@transaction.atomic
def inbox_assign(*, actor, kind: str, item, assign: bool = True) -> InboxAssignment | None:
    """Take an item (assign it to oneself) or give it back to the shared queue."""
    _require_scope(actor, kind, item)
    content_type = selectors.item_content_type(kind)
    if assign:
        assignment, _created = InboxAssignment.objects.update_or_create(
            content_type=content_type, object_id=item.pk, defaults={"assignee": actor}
        )
    else:
        assignment = None
        InboxAssignment.objects.filter(content_type=content_type, object_id=item.pk).delete()
    audit_record(
        actor=actor,
        action=AuditAction.INBOX_ASSIGN if assign else AuditAction.INBOX_UNASSIGN,
        target=item,
        target_user=item if kind == selectors.APPLICATION else None,
        data={"kind": kind},
    )
    return assignment


@transaction.atomic
def inbox_note_add(*, actor, kind: str, item, body: str) -> InboxNote:
    _require_scope(actor, kind, item)
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write a note first."), code="empty")
    note = InboxNote.objects.create(
        content_type=selectors.item_content_type(kind),
        object_id=item.pk,
        author=actor,
        author_name=str(actor)[:120],
        body=body[:2000],
    )
    audit_record(actor=actor, action=AuditAction.INBOX_NOTE, target=item, data={"kind": kind, "note": note.pk})
    return note


@transaction.atomic
def moderator_countries_set(*, actor, moderator, countries) -> None:
    """Admins scope a moderator to countries; no countries means every country."""
    if not permissions.can_scope_moderators(actor):
        raise PermissionDenied(_("Only administrators can change where a moderator works."))
    if not permissions.holds_role(moderator, Role.MODERATOR):
        raise ValidationError(_("Only moderators can be limited to countries."), code="not_moderator")
    before = sorted(moderator.moderated_countries.values_list("slug", flat=True))
    moderator.moderated_countries.set(countries)
    after = sorted(c.slug for c in countries)
    audit_record(
        actor=actor, action=AuditAction.MEMBER_MODERATED_COUNTRIES, target=moderator, data={"from": before, "to": after}
    )
