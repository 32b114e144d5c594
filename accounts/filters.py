import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Country, Language, Theme

from .models import Role, Status, User


class MemberDirectoryFilter(django_filters.FilterSet):
    """Filters for the member directory. Country filters only members who chose to show it,
    so the filter cannot be used to learn a hidden country."""

    q = django_filters.CharFilter(label=_("Name or organisation"), method="filter_q")
    country = django_filters.ModelChoiceFilter(
        label=_("Country"), queryset=Country.objects.active(), method="filter_country", empty_label=_("All countries")
    )
    language = django_filters.ModelChoiceFilter(
        label=_("Language"),
        queryset=Language.objects.active(),
        field_name="languages",
        empty_label=_("All languages"),
    )
    expertise = django_filters.ModelChoiceFilter(
        label=_("Expertise"),
        queryset=Theme.objects.active(),
        field_name="expertise",
        empty_label=_("All areas of expertise"),
    )

    class Meta:
        model = User
        fields = []

    def filter_q(self, queryset, name, value):

        value = value.strip()[:100]
        if not value:
            return queryset
        return queryset.filter(
            Q(display_name__icontains=value) | (Q(show_organisation=True) & Q(organisation__icontains=value))
        )

    def filter_country(self, queryset, name, value):
        return queryset.filter(country=value, show_country=True)


class ModerationMemberFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name, email or organisation"), method="filter_q")
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices, empty_label=_("All roles"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices, empty_label=_("All statuses"))
    country = django_filters.ModelChoiceFilter(
        label=_("Country"), queryset=Country.objects.active(), empty_label=_("All countries")
    )

    class Meta:
        model = User
        fields = []

    def filter_q(self, queryset, name, value):

        value = value.strip()[:100]
        if not value:
            return queryset
        return queryset.filter(
            Q(display_name__icontains=value) | Q(email__icontains=value) | Q(organisation__icontains=value)
        )
