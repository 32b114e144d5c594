"""How moderation acts on translations (registered in ``TranslationsConfig.ready``): a
translation is looked after by the moderators of its original."""

from django.db.models import Q

from moderation.registry import ModeratedKind, register

from . import registry, services
from .models import Translation


def _countries_of(translation: Translation) -> set[int]:
    kind = registry.kind_for(translation.kind)
    obj = kind.get(translation.object_id) if kind else None
    if obj is None:
        return set()
    return set(kind.countries_of(obj))


def _scope_q(country_ids) -> Q:
    q = Q(pk__in=[])
    for kind in registry.kinds():
        q |= Q(kind=kind.key, object_id__in=kind.scope_ids(frozenset(country_ids)))
    return q


def register_moderated_kinds() -> None:
    register(
        ModeratedKind(
            model=Translation,
            countries_of=_countries_of,
            scope_q=_scope_q,
            label=lambda item: f"translation {item.pk} of {item.kind} {item.object_id}",
            hide=lambda *, actor, item, reason: services.translation_hide(actor=actor, translation=item, reason=reason),
            restore=lambda *, actor, item, reason="": services.translation_restore(
                actor=actor, translation=item, reason=reason
            ),
            delete=lambda *, actor, item, reason: services.translation_delete(
                actor=actor, translation=item, reason=reason
            ),
        )
    )
