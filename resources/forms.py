import re
import uuid

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.files.inspection import ALLOWED_EXTENSIONS
from core.personal_details import PersonalDetailsCheckMixin
from core.text import without_direction_controls
from moderation.models import Report
from taxonomy.models import Audience, Country, Language, ResourceType, Theme

from .models import PartialUpload, Resource
from .partial_uploads import claimable_uploads

TRANSLATION_ID_RE = re.compile(r"/resources/(\d{1,12})/")

FILE_HELP = _(
    "PDF, Word, Excel and PowerPoint (.docx, .xlsx, .pptx), OpenDocument, text, CSV, PNG, JPEG, MP3 or MP4, "
    "up to %(mb)s MB each. We remove hidden details that can name people, organisations, devices or places "
    "(authors, photo location, camera data, tags) and show you what was removed; a file that cannot be "
    "cleaned is refused."
)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True, "accept": ",".join(ALLOWED_EXTENSIONS)}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class FinishedUploadsField(forms.ModelMultipleChoiceField):
    """Files already sent in pieces (see partial_uploads), by id. Only the member's own finished
    uploads are valid choices; a form sent back with errors shows them as ticked boxes, so the
    files are not sent again."""

    widget = forms.CheckboxSelectMultiple
    default_error_messages = {
        "invalid_choice": _("An uploaded file has expired or was already used. Please choose it again."),
        "invalid_pk_value": _("An uploaded file has expired or was already used. Please choose it again."),
    }

    def __init__(self, **kwargs):
        super().__init__(
            queryset=PartialUpload.objects.none(), required=False, label=_("Files already uploaded"), **kwargs
        )

    def clean(self, value):
        try:
            return super().clean(value)
        except forms.ValidationError:
            # Whatever was wrong with the ids (malformed, someone else's, used), one message.
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from None

    def offer(self, owner, data, prefix_name: str) -> None:
        self.queryset = claimable_uploads(owner) if owner is not None else self.queryset
        # Only the uploads this form was sent with are listed, never every upload of the member.
        chosen = []
        if data is not None and hasattr(data, "getlist"):
            for value in data.getlist(prefix_name):
                try:
                    chosen.append(uuid.UUID(str(value)))
                except ValueError:
                    continue
        self.widget.choices = (
            [(upload.pk, upload.name) for upload in self.queryset.filter(pk__in=chosen)] if chosen else []
        )
        if not self.widget.choices:
            # Nothing to show: the field only carries the ids that upload.js adds.
            self.widget = forms.MultipleHiddenInput()


class KeptUploadsMixin:
    @property
    def kept_uploads(self) -> bool:
        """The form lists files already sent (it came back with errors)."""
        return "uploaded" in self.fields and not self.fields["uploaded"].widget.is_hidden


def file_help():
    return FILE_HELP % {"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}


class ResourceForm(KeptUploadsMixin, PersonalDetailsCheckMixin, forms.ModelForm):
    """Metadata of a resource. On creation it also takes the first files."""

    personal_details_fields = ("title", "summary", "description")

    files = MultipleFileField(label=_("Files"), required=False)
    uploaded = FinishedUploadsField()
    external_url = forms.URLField(
        label=_("External link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Optional when you upload files; required otherwise."),
    )

    class Meta:
        model = Resource
        fields = [
            "title",
            "summary",
            "description",
            "types",
            "themes",
            "countries",
            "languages",
            "audiences",
            "year",
            "publisher",
            "licence",
            "content_warning",
            "external_url",
            "translations",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
            "description": forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
            # Sensitive fields stay out of the browser's autofill memory (discreet traces).
            "title": forms.TextInput(attrs={"dir": "auto", "autocomplete": "off"}),
            "publisher": forms.TextInput(attrs={"dir": "auto"}),
            "content_warning": forms.TextInput(attrs={"dir": "auto", "autocomplete": "off"}),
            "types": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "countries": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "audiences": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "description": _("Markdown formatting is allowed: **bold**, *italic*, lists and links."),
        }

    # Addresses rather than a list of every resource: the page stays small as the library grows.
    translations = forms.CharField(
        label=_("Translations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Addresses of the same resource in other languages in this library, one per line."),
    )

    def __init__(self, *args, with_files: bool = True, translation_choices=None, owner=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["types"].queryset = ResourceType.objects.active()
        self.fields["themes"].queryset = Theme.objects.active()
        self.fields["countries"].queryset = Country.objects.active()
        self.fields["languages"].queryset = Language.objects.active()
        self.fields["audiences"].queryset = Audience.objects.active()
        self.fields["year"].widget.attrs.update({"min": 1900, "max": 2100})
        self.translation_choices = translation_choices if translation_choices is not None else Resource.objects.none()
        if self.instance.pk and not self.is_bound:
            self.initial["translations"] = "\n".join(
                other.get_absolute_url() for other in self.instance.translations.all()
            )
        if with_files:
            self.fields["files"].help_text = file_help()
            self.fields["uploaded"].offer(owner, self.data if self.is_bound else None, self.add_prefix("uploaded"))
        else:
            del self.fields["files"]
            del self.fields["uploaded"]

    def _without_direction_controls(self, name: str) -> str:
        # Bidi controls would turn around the sentences that quote the title; a text made of
        # nothing else is empty.
        value = without_direction_controls(self.cleaned_data.get(name) or "").strip()
        if not value:
            raise forms.ValidationError(self.fields[name].error_messages["required"], code="required")
        return value

    def clean_title(self):
        return self._without_direction_controls("title")

    def clean_summary(self):
        return self._without_direction_controls("summary")

    def clean_translations(self):
        text = self.cleaned_data.get("translations") or ""
        ids = {int(match) for match in TRANSLATION_ID_RE.findall(text)}
        if self.instance.pk:
            ids.discard(self.instance.pk)
        found = list(self.translation_choices.filter(pk__in=ids)) if ids else []
        if len(found) != len(ids):
            raise forms.ValidationError(
                _("Some addresses are not published resources of this library. Copy them from the resource pages."),
                code="translation_unknown",
            )
        return found

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is not None and not 1900 <= year <= 2100:
            raise forms.ValidationError(_("Enter a year between 1900 and 2100."), code="year")
        return year


class FileUploadForm(KeptUploadsMixin, forms.Form):
    """One file, posted whole or already sent in pieces (``uploaded``)."""

    label = forms.CharField(
        label=_("Label"), max_length=120, required=False, help_text=_("For example: Toolkit, Annex 2.")
    )
    upload = forms.FileField(
        label=_("File"), required=False, widget=forms.FileInput(attrs={"accept": ",".join(ALLOWED_EXTENSIONS)})
    )
    uploaded = FinishedUploadsField()

    def __init__(self, *args, with_label: bool = True, owner=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = file_help()
        self.fields["uploaded"].offer(owner, self.data if self.is_bound else None, self.add_prefix("uploaded"))
        if not with_label:
            del self.fields["label"]

    def clean(self):
        cleaned = super().clean()
        finished = list(cleaned.get("uploaded") or [])
        if "uploaded" in self.errors or "upload" in self.errors:
            return cleaned
        if cleaned.get("upload") and finished or len(finished) > 1:
            raise forms.ValidationError(_("Choose one file."), code="one_file")
        if not cleaned.get("upload") and not finished:
            self.add_error("upload", forms.ValidationError(_("Choose a file."), code="required"))
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the submitter will read it)"),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        max_length=2000,
        required=False,
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why are you reporting this resource?"), choices=Report.Reason.choices)
    note = forms.CharField(
        label=_("Anything the moderators should know (optional)"),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        max_length=2000,
        required=False,
    )
