import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .audit import AuditAction
from .models import AuditEntry

# A whole area at once ("forum." matches every forum action), then the single actions.
AREAS = [
    ("application.", _("Every application decision")),
    ("invitation.", _("Every invitation")),
    ("member.", _("Every action on members")),
    ("report.", _("Every report decision")),
    ("inbox.", _("Every inbox action")),
    ("forum.", _("Every forum action")),
    ("resource.", _("Every library action")),
    ("chat.", _("Every chat action")),
]


class PersonIdFilter(django_filters.NumberFilter):
    """A member's id: a whole number within the database's range, or the filter is invalid."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput, **kwargs)


class AuditFilter(django_filters.FilterSet):
    action = django_filters.ChoiceFilter(
        label=_("Action"),
        choices=[(_("Areas"), AREAS), (_("Actions"), AuditAction.choices)],
        method="filter_action",
    )
    # People are picked by id in the member picker (never matched by a typed name); the
    # queryset is already limited to the moderator's countries, so an id outside them finds nothing.
    moderator = PersonIdFilter(field_name="actor_id")
    member = PersonIdFilter(field_name="target_user_id")
    since = django_filters.DateFilter(label=_("From"), field_name="created_at", lookup_expr="date__gte")
    until = django_filters.DateFilter(label=_("Until"), field_name="created_at", lookup_expr="date__lte")

    class Meta:
        model = AuditEntry
        fields = []

    def filter_action(self, queryset, name, value):
        if value.endswith("."):
            return queryset.filter(action__startswith=value)
        return queryset.filter(action=value)
