"""The page where a member uploads a resource's file in another language
(``translation_upload``)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import content_language
from core.errors import add_service_error
from core.files.uploads import limit_uploads

from . import partial_uploads, translation_upload, upload_feedback
from .forms import FileUploadForm
from .models import State


class TranslatedFileForm(FileUploadForm):
    """The language, the file (posted whole or sent in pieces) and the title and summary in
    that language, prefilled from the members' translation of them when there is one."""

    language = forms.ChoiceField(label=gettext_lazy("Language of the translated file"))
    title = forms.CharField(label=gettext_lazy("Title in this language"), max_length=200, required=False)
    summary = forms.CharField(
        label=gettext_lazy("Summary in this language"),
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        # Not the original's summary as a fallback: a resource in this language with a summary
        # in another would be mislabelled for search, screen readers and the language filter.
        help_text=gettext_lazy(
            "Needed in the language of the file. The title and summary may be left empty only when "
            "members have already translated them into that language: their translation is then used."
        ),
    )

    field_order = ["language", "upload", "uploaded", "title", "summary"]

    def __init__(self, *args, languages, **kwargs):
        super().__init__(*args, with_label=False, **kwargs)
        self.fields["language"].choices = [(code, content_language.label(code)) for code in languages]
        for name in ("title", "summary"):
            self.fields[name].widget.attrs["dir"] = "auto"
        self.order_fields(self.field_order)


@limit_uploads
def translated_file_add(request, pk):
    original = translation_upload.original_for(request.user, pk)
    if not translation_upload.languages_for(request.user, original):
        raise PermissionDenied(
            _("Add the languages you can translate into to your profile first; the original's language does not count.")
        )
    languages = translation_upload.upload_languages(request.user, original)
    if not languages:
        messages.info(
            request,
            _(
                "Each of your languages already has a translated file, published or waiting for review. "
                "Its translator can upload a new version of it."
            ),
        )
        return redirect(original)
    language = request.GET.get("language") or ""
    language = language if language in languages else languages[0]
    shared = translation_upload.member_translation(original, language)
    initial = {"language": language, **({k: shared.fields.get(k, "") for k in ("title", "summary")} if shared else {})}
    posted = request.method == "POST"
    form = TranslatedFileForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        owner=request.user,
        languages=languages,
        initial=initial,
    )
    if posted and not upload_feedback.refused_while_uploading(request, form, "upload") and form.is_valid():
        try:
            with partial_uploads.claimed(form.cleaned_data["uploaded"]) as sent_in_pieces:
                copy = translation_upload.translated_file_create(
                    translator=request.user,
                    original=original,
                    language=form.cleaned_data["language"],
                    upload=form.cleaned_data["upload"] or sent_in_pieces[0],
                    title=form.cleaned_data["title"],
                    summary=form.cleaned_data["summary"],
                )
        except (ValidationError, PermissionDenied) as error:
            add_service_error(form, error, field="upload")
        else:
            upload_feedback.announce_state(request, copy)
            upload_feedback.point_out_duplicates(request, copy)
            if copy.state == State.PUBLISHED:
                messages.info(request, _("It is listed on the original's page under “Available in”."))
            else:
                messages.info(
                    request,
                    _(
                        "Once a moderator publishes it, it is listed on the original's page under “Available in”; "
                        "until then only you and the moderators see it."
                    ),
                )
            return redirect(copy)
    return render(
        request,
        "resources/translation_upload.html",
        {"form": form, "original": original},
    )
