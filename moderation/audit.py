"""The audit log's one writer and its list of actions. Every app may import this module: it
imports nothing but Django, moderation's models and its registry, so recording an action never pulls in
moderation's services (or, through them, another app)."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditAction, AuditEntry
from .registry import kind_of

__all__ = ["AuditAction", "audit_record"]


def audit_record(
    *,
    actor,
    action: AuditAction,
    target: models.Model | None = None,
    target_user=None,
    reason: str = "",
    data: dict | None = None,
) -> AuditEntry:
    """Append one entry. Call inside the same transaction as the action it records."""
    if action not in AuditAction.values:
        raise ValueError(f"Unknown audit action {action!r}: add it to AuditAction.")
    if target_user is None and target is not None and target.__class__.__name__ == "User":
        target_user = target
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=str(actor) if actor else "system",
        action=action,
        target_user=target_user,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=target_label(target),
        reason=reason,
        data=data or {},
    )


def target_label(target) -> str:
    """A short neutral label naming the target by kind and id ("message 12 in room 3"), never
    the text of a post, message or title. People are named by their display name."""
    if target is None:
        return ""
    kind = kind_of(target)
    if kind is not None:
        return kind.label(target)[:300]
    if target._meta.label_lower == "accounts.user":
        return str(target)[:300]
    return f"{target._meta.model_name} {target.pk}"
