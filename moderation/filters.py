import django_filters
from django.utils.translation import gettext_lazy as _

from .audit import AuditAction
from .models import AuditEntry


class AuditFilter(django_filters.FilterSet):
    action = django_filters.ChoiceFilter(label=_("Action"), choices=AuditAction.choices)
    actor = django_filters.CharFilter(label=_("Moderator"), field_name="actor_name", lookup_expr="icontains")
    target = django_filters.CharFilter(label=_("Concerning"), field_name="target_repr", lookup_expr="icontains")
    since = django_filters.DateFilter(label=_("From"), field_name="created_at", lookup_expr="date__gte")
    until = django_filters.DateFilter(label=_("Until"), field_name="created_at", lookup_expr="date__lte")

    class Meta:
        model = AuditEntry
        fields = []
