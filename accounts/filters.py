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
        label=_("Country"), queryset=Country.objects.active(), method="filter_country"
    )
    language = django_filters.ModelChoiceFilter(
        label=_("Language"), queryset=Language.objects.active(), field_name="languages"
    )
    expertise = django_filters.ModelChoiceFilter(
        label=_("Expertise"), queryset=Theme.objects.active(), field_name="expertise"
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
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    country = django_filters.ModelChoiceFilter(label=_("Country"), queryset=Country.objects.active())

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
