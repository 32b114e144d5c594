"""How moderation acts on library resources (registered in ``ResourcesConfig.ready``)."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from moderation.registry import InboxKind, ModeratedKind, register, register_inbox

from . import services
from .models import Resource, State


def _decide(*, actor, item: Resource, decision: str, reason: str = "") -> Resource:
    if decision == "approve":
        return services.resource_approve(actor=actor, resource=item, note=reason)
    if decision == "reject":
        return services.resource_reject(actor=actor, resource=item, reason=reason)
    raise ValidationError(_("Unknown decision."), code="invalid_action")


def register_moderated_kinds() -> None:
    register(
        ModeratedKind(
            model=Resource,
            countries_of=lambda resource: set(resource.countries.values_list("pk", flat=True)),
            scope_q=lambda country_ids: Q(countries__in=country_ids),
            label=lambda resource: f"resource {resource.pk}",
            hide=lambda *, actor, item, reason: services.resource_archive(actor=actor, resource=item, reason=reason),
            restore=lambda *, actor, item, reason="": services.resource_restore(
                actor=actor, resource=item, reason=reason
            ),
        )
    )
    register_inbox(
        InboxKind(
            key="resource",
            label=gettext_lazy("Resources in review"),
            model=Resource,
            pending=lambda: Resource.objects.filter(state=State.IN_REVIEW),
            # Older rows may lack a submission time; they wait since their creation.
            waiting_since=Coalesce("submitted_at", "created_at"),
            author=lambda resource: resource.uploader,
            decide=_decide,
            select_related=("uploader",),
            order=30,
        )
    )
