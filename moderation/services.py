"""Writes shared by every app's moderation: the audit log and member reports."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions

from .models import AuditEntry, Report


def moderators_notify(*, url: str, title: str = "", actor=None, target: models.Model | None = None) -> None:
    """Tell moderators that something new waits in their queue (neutral: no content)."""
    from accounts.models import User
    from notifications.models import Kind
    from notifications.services import notify

    notify(
        kind=Kind.MODERATION,
        recipient_ids=User.objects.moderators().values_list("pk", flat=True),
        url=url,
        title=title,
        actor=actor,
        target=target,
    )


def audit_record(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    target_user=None,
    reason: str = "",
    data: dict | None = None,
) -> AuditEntry:
    """Append one entry. Call inside the same transaction as the action it records."""
    if target_user is None and target is not None and target.__class__.__name__ == "User":
        target_user = target
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=str(actor) if actor else "system",
        action=action,
        target_user=target_user,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:300] if target is not None else "",
        reason=reason,
        data=data or {},
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
    moderators_notify(url=reverse("moderation:reports"), title=str(Report.Reason(reason).label), actor=reporter)
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
        action=f"report.{state}",
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
