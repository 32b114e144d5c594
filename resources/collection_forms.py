"""Forms of collections: their details, a resource to add by its address, and the title and
introduction in another interface language."""

import re

from django import forms
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from core.text import without_direction_controls
from taxonomy.models import Language

from .collections import TRANSLATION_INTRODUCTION_MAX, TRANSLATION_TITLE_MAX, own_language, translation_languages
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

    def clean_title(self):
        # A title made only of bidi controls is empty once the service removes them.
        title = without_direction_controls(self.cleaned_data.get("title") or "").strip()
        if not title:
            raise forms.ValidationError(self.fields["title"].error_messages["required"], code="required")
        return title


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


class CollectionTranslationForm(forms.Form):
    """One language's title and introduction. A translation being edited names its language in
    a hidden field; a new one offers the languages not translated yet."""

    language = forms.ChoiceField(label=_("Language"))
    title = forms.CharField(
        label=_("Title"),
        max_length=TRANSLATION_TITLE_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        max_length=TRANSLATION_INTRODUCTION_MAX,
        help_text=_("Markdown formatting is allowed, as in the original."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, collection: Collection, language: str = "", **kwargs):
        # Ids of their own: the page holds one of these forms per language.
        kwargs.setdefault("auto_id", f"id_translation_{language or 'new'}_%s")
        super().__init__(*args, **kwargs)
        self.language = language
        names = translation_languages()
        if language:
            self.fields["language"].choices = [(language, names.get(language, language))]
            self.fields["language"].widget = forms.HiddenInput()
        else:
            # Neither a language translated already nor the collection's own, so the first
            # offered (the default) is always one a translation can be added in.
            taken = {*(collection.translations or {}), own_language(collection)}
            self.fields["language"].choices = [(code, name) for code, name in names.items() if code not in taken]
        # The text is in that language: the browser and screen readers are told, when known.
        if language:
            info = get_language_info(language)
            for name in ("title", "introduction"):
                self.fields[name].widget.attrs.update({"lang": language, "dir": "rtl" if info["bidi"] else "ltr"})
        else:
            for name in ("title", "introduction"):
                self.fields[name].widget.attrs["dir"] = "auto"
