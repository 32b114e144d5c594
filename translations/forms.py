from django import forms
from django.utils.translation import gettext_lazy as _

from core import content_language
from moderation.models import Report


class TranslationForm(forms.Form):
    """The language, then one field per translatable part of the original. Lengths are checked
    by ``services.clean_fields`` as well, so a form posted by hand cannot bypass them."""

    language = forms.ChoiceField(label=_("Translate into"))

    machine_suggested = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, source_fields, languages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(code, content_language.label(code)) for code in languages]
        self.source_fields = source_fields
        if self.data.get("machine_suggested") in ("1", "True", "on"):
            # A machine suggestion is published only after a person confirms they checked it.
            self.fields["confirmed"] = forms.BooleanField(
                label=_("I have read the suggestion and corrected it where needed"),
                required=True,
                error_messages={"required": _("Read and correct the suggestion, then tick this box.")},
            )
        for source in source_fields:
            widget = (
                forms.Textarea(attrs={"rows": 10 if source.markdown else 4, "dir": "auto"})
                if source.multiline
                else forms.TextInput(attrs={"dir": "auto"})
            )
            self.fields[source.name] = forms.CharField(
                label=source.form_label or source.label,
                required=bool(source.text.strip()),
                max_length=source.max_length,
                widget=widget,
                strip=False,
            )

    def translated_fields(self) -> dict[str, str]:
        return {source.name: self.cleaned_data.get(source.name, "") for source in self.source_fields}


class RequestForm(forms.Form):
    language = forms.ChoiceField(label=_("Request a translation into"))

    def __init__(self, *args, source_language: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, name) for code, name in content_language.choices()[1:] if code != source_language
        ]


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong?"), choices=Report.Reason.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Anything moderators should know (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
