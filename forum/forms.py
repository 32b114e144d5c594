"""Forms parse what members type; the rules themselves (lengths, tags, mentions, rights) are
checked by the services, whose errors the views put back on these forms."""

import re

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core import content_language
from core.content_warning import CONTENT_WARNING_MAX_LENGTH
from core.personal_details import PersonalDetailsCheckMixin
from moderation.models import Report
from taxonomy.models import Country

from .attachments import attachment_field
from .models import Category, Draft
from .services import BODY_MAX, REASON_MAX, TITLE_MAX, clean_body, clean_tags, clean_title

SURVIVOR_REMINDER = _(
    "Never include names, places, dates or other details that could identify a survivor. "
    "Markdown works: **bold**, *italic*, > quote, - list, [link](https://…). Mention a colleague with @[Their name]."
)


class BodyField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Message"))
        kwargs.setdefault("help_text", SURVIVOR_REMINDER)
        # A little room above the limit so the service, not the browser, explains it.
        kwargs.setdefault("max_length", BODY_MAX + 1000)
        kwargs.setdefault(
            "widget",
            forms.Textarea(
                attrs={
                    "rows": 8,
                    "dir": "auto",
                    "data-mentions": reverse_lazy("members:autocomplete"),
                    "class": "composer",
                }
            ),
        )
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)


def language_field():
    return forms.ChoiceField(
        label=_("Language of your text"),
        required=False,
        choices=content_language.choices,
        help_text=_("Shown as a small tag, so readers can find texts in their language."),
    )


class ThreadForm(PersonalDetailsCheckMixin, forms.Form):
    personal_details_fields = ("title", "body")

    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none(), to_field_name="slug")
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX + 100,
        widget=forms.TextInput(attrs={"dir": "auto", "autocomplete": "off"}),
    )
    body = BodyField()
    attachment = attachment_field()
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=300,
        help_text=_("Up to five, separated by commas, e.g. shelters, legal-aid."),
        widget=forms.TextInput(attrs={"dir": "auto", "autocomplete": "off"}),
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        required=False,
        queryset=Country.objects.active(),
        to_field_name="slug",
        empty_label=_("Not about one country"),
    )
    content_warning = forms.CharField(
        label=_("Content warning"),
        required=False,
        max_length=CONTENT_WARNING_MAX_LENGTH,
        help_text=_("Optional. Readers see this first and open the post when they are ready."),
        widget=forms.TextInput(attrs={"dir": "auto", "autocomplete": "off"}),
    )
    language = language_field()

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(pk__in=[c.pk for c in categories])

    # The services' own checks, run here too so every mistake shows at once.
    def clean_title(self):
        return clean_title(self.cleaned_data["title"])

    def clean_body(self):
        return clean_body(self.cleaned_data["body"])

    def clean_tags(self):
        clean_tags(_split(self.cleaned_data.get("tags", "")))
        return self.cleaned_data.get("tags", "")

    def tag_list(self) -> list[str]:
        return _split(self.cleaned_data.get("tags", ""))


def _split(raw: str) -> list[str]:
    # Dari and Pashto keyboards type the Arabic comma.
    return [tag.strip() for tag in re.split(r"[,،]", raw or "") if tag.strip()]


class ReplyForm(PersonalDetailsCheckMixin, forms.Form):
    body = BodyField(label=_("Your reply"))
    attachment = attachment_field()
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)
    language = language_field()


class PostEditForm(PersonalDetailsCheckMixin, forms.Form):
    personal_details_fields = ("title", "body")

    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX + 100,
        widget=forms.TextInput(attrs={"dir": "auto", "autocomplete": "off"}),
    )
    body = BodyField()
    reason = forms.CharField(
        label=_("Reason for the edit"),
        required=False,
        max_length=REASON_MAX + 100,
        help_text=_("Shown in the edit history. Required when you edit someone else's post."),
    )

    def __init__(self, *args, with_title: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_title:
            del self.fields["title"]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=REASON_MAX + 100)


class MoveForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Move to"), queryset=Category.objects.all(), to_field_name="slug")
    reason = forms.CharField(label=_("Reason"), required=False, max_length=REASON_MAX + 100)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong?"), choices=Report.Reason.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Anything moderators should know (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )


class DraftForm(forms.Form):
    """What a composer sends to keep a draft (the same field names as the composer forms, so
    a script can send the whole form). Lengths are checked by services.draft_save."""

    draft_kind = forms.ChoiceField(choices=Draft.Kind.choices)
    draft_thread = forms.IntegerField(required=False, min_value=1, max_value=2**62)
    category = forms.SlugField(required=False, max_length=64)
    draft_previous_category = forms.SlugField(required=False, max_length=64)
    title = forms.CharField(required=False, strip=False, max_length=TITLE_MAX + 100)
    body = forms.CharField(required=False, strip=False, max_length=BODY_MAX + 1000)
    content_warning = forms.CharField(required=False, strip=False, max_length=CONTENT_WARNING_MAX_LENGTH + 100)
    language = forms.CharField(required=False, max_length=10)
