"""Forms of collections: their details, and a resource to add by its address."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Language

from .models import Collection

RESOURCE_ID_RE = re.compile(r"(?:^|/resources/)(\d{1,12})(?:/|$)")


class CollectionForm(forms.ModelForm):
    class Meta:
        model = Collection
        fields = ["title", "introduction", "language"]
        widgets = {
            "title": forms.TextInput(attrs={"dir": "auto", "autocomplete": "off"}),
            "introduction": forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].queryset = Language.objects.active()


class CollectionAddForm(forms.Form):
    address = forms.CharField(
        label=_("Add a resource"),
        max_length=500,
        help_text=_("The address of a published resource of this library, copied from its page."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "url"}),
    )

    def clean_address(self) -> int:
        match = RESOURCE_ID_RE.search(self.cleaned_data["address"].strip())
        if match is None:
            raise forms.ValidationError(
                _("This is not the address of a resource. Copy it from the resource page."), code="address"
            )
        return int(match.group(1))
