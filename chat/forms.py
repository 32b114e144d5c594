import re

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core.personal_details import PersonalDetailsCheckMixin
from moderation.models import Report

from .attachments import attachment_field
from .models import Reaction
from .services import MAX_CONTENT_WARNING_LENGTH, MAX_MESSAGE_LENGTH, MAX_MUTE_MINUTES

MAX_PEOPLE = 20


class MessageForm(PersonalDetailsCheckMixin, forms.Form):
    template_name = "chat/_composer_fields.html"

    body = forms.CharField(
        label=_("Message"),
        max_length=MAX_MESSAGE_LENGTH,
        # The forum's "@" suggestions (forum/forum.js) read the address of the member list here.
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto", "data-mentions": reverse_lazy("members:autocomplete")}),
        help_text=_("Bold, italics, links, code and lists work as in Markdown. Mention someone with @[Name]."),
    )
    content_warning = forms.CharField(
        label=_("Content warning"),
        required=False,
        max_length=MAX_CONTENT_WARNING_LENGTH,
        help_text=_("Optional. Others see this first and open the message when they are ready."),
        widget=forms.TextInput(attrs={"dir": "auto", "autocomplete": "off"}),
    )
    client_id = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)
    attachment = attachment_field()


class EditForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=MAX_MESSAGE_LENGTH, widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"})
    )


class ReactionForm(forms.Form):
    emoji = forms.ChoiceField(choices=Reaction.Emoji.choices)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why are you reporting this message?"), choices=Report.Reason.choices)
    note = forms.CharField(
        label=_("Anything the moderators should know (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )


class RoomForm(forms.Form):
    name = forms.CharField(label=_("Room name"), max_length=120, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    description = forms.CharField(label=_("What the room is for"), max_length=300, required=False)
    retention_days = forms.IntegerField(
        label=_("Delete messages after this many days (optional)"),
        required=False,
        min_value=1,
        max_value=3650,
        help_text=_("For sensitive conversations. Leave empty to keep messages."),
    )


class MemberIdsField(forms.Field):
    """Member ids chosen in the member picker (hidden inputs named after the field)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        try:
            ids = list(dict.fromkeys(int(item) for item in value))
        except (TypeError, ValueError):
            raise forms.ValidationError(_("Please choose members from the list."), code="bad_member") from None
        return ids[:MAX_PEOPLE]


class _MemberPickerForm(forms.Form):
    """People are chosen by id in the picker; without JavaScript a typed name is taken only
    when exactly one member matches it (see accounts.selectors.member_by_typed_name)."""

    names_field = ""

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("members") and not cleaned.get(self.names_field, "").strip():
            self.add_error(self.names_field, _("Please choose at least one member."))
        return cleaned


def _picker_attrs(multiple: bool) -> dict:
    return {
        "data-member-picker": reverse_lazy("members:autocomplete"),
        "data-picker-field": "members",
        "data-picker-multiple": "true" if multiple else "false",
        "autocomplete": "off",
        "dir": "auto",
    }


class MemberNameForm(_MemberPickerForm):
    names_field = "display_name"

    members = MemberIdsField(required=False)
    display_name = forms.CharField(
        label=_("Member to add"),
        max_length=80,
        required=False,
        help_text=_("Type part of their name and choose them from the list."),
        widget=forms.TextInput(attrs=_picker_attrs(False)),
    )


class DirectForm(_MemberPickerForm):
    names_field = "display_names"

    members = MemberIdsField(required=False)
    display_names = forms.CharField(
        label=_("Write to"),
        max_length=800,
        required=False,
        help_text=_(
            "Type part of a name and choose the person from the list. Without the list: full names, separated by commas."
        ),
        widget=forms.TextInput(attrs=_picker_attrs(True)),
    )

    def names(self) -> list[str]:
        # Dari and Pashto keyboards type the Arabic comma.
        names = re.split(r"[,،]", self.cleaned_data.get("display_names") or "")
        return [name.strip() for name in names if name.strip()][:MAX_PEOPLE]


class MuteForm(forms.Form):
    user = forms.IntegerField(widget=forms.HiddenInput)
    minutes = forms.TypedChoiceField(
        label=_("Mute for"),
        coerce=int,
        choices=[
            (15, _("15 minutes")),
            (60, _("1 hour")),
            (60 * 24, _("1 day")),
            (60 * 24 * 7, _("7 days")),
            (MAX_MUTE_MINUTES, _("30 days")),
            (0, _("Lift the mute")),
        ],
    )
    reason = forms.CharField(label=_("Reason (for the audit log)"), max_length=500, required=False)


class ConvertForm(forms.Form):
    title = forms.CharField(
        label=_("Thread title"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    messages = forms.TypedMultipleChoiceField(label=_("Messages to include"), coerce=int)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["messages"].choices = choices
