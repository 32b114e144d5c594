from django import forms
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Country

from . import registry, selectors


def _kind_choices():
    return [
        ("", _("Everything")),
        (selectors.APPLICATION, _("Membership applications")),
        (selectors.REPORT, _("Reports")),
        *((kind.key, kind.label) for kind in registry.inbox_kinds()),
    ]


class InboxFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Show"), required=False, choices=_kind_choices)
    assigned = forms.ChoiceField(
        label=_("Assignment"),
        required=False,
        choices=[
            ("", _("Any")),
            ("mine", _("Assigned to me")),
            ("unassigned", _("Not assigned")),
            ("assigned", _("Assigned to someone")),
        ],
    )


class InboxNoteForm(forms.Form):
    body = forms.CharField(label=_("Internal note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ModeratorCountriesForm(forms.Form):
    countries = forms.ModelMultipleChoiceField(
        label=_("Moderates in"),
        queryset=Country.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked for a moderator who looks after every country."),
    )
