"""Translation pages. Each view finds the original through the registry (404 for a person who
may not see it), calls one service and renders."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import can_participate
from core import content_language
from core.errors import add_service_error
from core.ratelimit import rate_limit_view

from . import machine, permissions, selectors, services
from .forms import ReportForm, RequestForm, TranslationForm


def translate(request, kind, object_id):
    kind_obj = selectors.kind_get(kind)
    original = selectors.original_get(request.user, kind_obj, object_id)
    source_language = kind_obj.source_language(original)
    languages = permissions.translatable_languages(request.user, kind_obj, original)
    if not languages:
        raise PermissionDenied(
            _("Add the languages you can translate into to your profile first; the original's language does not count.")
        )
    language = request.POST.get("language") or request.GET.get("language") or ""
    if language not in languages:
        language = languages[0]
    source_fields = kind_obj.fields(original)
    existing = selectors.existing_translation(kind_obj, original, language)
    initial = {"language": language, **(existing.fields if existing else {})}
    data = request.POST or None
    if request.method == "POST" and "suggest" in request.POST and machine.is_enabled():
        data = _with_suggestions(request, source_fields, source_language, language)
    form = TranslationForm(data, initial=initial, source_fields=source_fields, languages=languages)
    if request.method == "POST" and "suggest" not in request.POST and form.is_valid():
        try:
            services.translation_save(
                translator=request.user,
                kind_key=kind_obj.key,
                object_id=original.pk,
                language=form.cleaned_data["language"],
                fields=form.translated_fields(),
                machine_suggested=form.cleaned_data.get("machine_suggested", False),
            )
        except (ValidationError, PermissionDenied) as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your translation is published. Thank you."))
            return redirect(kind_obj.url(original))
    if existing is not None:
        selectors.decorate(existing, kind_obj, original)
    return render(
        request,
        "translations/translate.html",
        {
            "kind": kind_obj,
            "original": original,
            "original_url": kind_obj.url(original),
            "original_title": kind_obj.title(original),
            "source_fields": source_fields,
            "source_language": source_language,
            "source_label": content_language.label(source_language),
            "language": language,
            "existing": existing,
            "form": form,
            "glossary": selectors.glossary_for(language, [source.text for source in source_fields]),
            "machine_enabled": machine.is_enabled(),
        },
    )


def _with_suggestions(request, source_fields, source_language: str, language: str):
    """The posted form with each field prefilled by the translation server, to be read,
    corrected and confirmed; what was typed stays when the server cannot help."""
    data = request.POST.copy()
    try:
        suggestions = {
            source.name: machine.suggest(source.text, source=source_language, target=language)
            for source in source_fields
        }
    except machine.Unavailable:
        messages.error(request, _("No suggestion could be made just now; please translate by hand."))
        return data
    for name, text in suggestions.items():
        data[name] = text
    data["machine_suggested"] = "1"
    data.pop("confirmed", None)
    messages.info(request, _("A suggestion from the alliance's translation server is filled in. Read and correct it."))
    return data


@require_POST
@rate_limit_view("post")
def request_translation(request, kind, object_id):
    kind_obj = selectors.kind_get(kind)
    original = selectors.original_get(request.user, kind_obj, object_id)
    form = RequestForm(request.POST, source_language=kind_obj.source_language(original))
    if not form.is_valid():
        messages.error(request, _("Choose a language other than the original's."))
    else:
        try:
            services.request_create(
                requester=request.user,
                kind_key=kind_obj.key,
                object_id=original.pk,
                language=form.cleaned_data["language"],
            )
        except (ValidationError, PermissionDenied) as error:
            add_service_error(request, error)
        else:
            messages.success(
                request,
                _("Your request is listed for members who translate into %(language)s. You will be notified.")
                % {"language": content_language.label(form.cleaned_data["language"])},
            )
    back = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = kind_obj.url(original)
    return redirect(back)


@require_POST
@rate_limit_view("post")
def request_withdraw(request, kind, object_id):
    kind_obj = selectors.kind_get(kind)
    original = selectors.original_get(request.user, kind_obj, object_id)
    language = str(request.POST.get("language", ""))[:10]
    try:
        services.request_withdraw(
            requester=request.user, kind_key=kind_obj.key, object_id=original.pk, language=language
        )
    except (ValidationError, PermissionDenied) as error:
        add_service_error(request, error)
    else:
        messages.success(
            request,
            _("Your request for a translation into %(language)s is withdrawn.")
            % {"language": content_language.label(language)},
        )
    return redirect(kind_obj.url(original))


def requests_list(request):
    if not can_participate(request.user):
        raise PermissionDenied(_("Only members can translate."))
    rows = selectors.open_requests(request.user)
    return render(
        request,
        "translations/requests.html",
        {
            "rows": rows,
            "languages": [content_language.label(code) for code in sorted(permissions.member_languages(request.user))],
        },
    )


def detail(request, pk):
    translation, kind, original = selectors.translation_get(request.user, pk)
    return render(
        request,
        "translations/detail.html",
        {
            "translation": translation,
            "kind": kind,
            "original": original,
            "original_url": kind.url(original),
            "original_title": kind.title(original),
            "labels": {source.name: source.label for source in kind.fields(original)},
            "can_report": permissions.can_report(request.user, translation),
        },
    )


def report(request, pk):
    translation, kind, original = selectors.translation_get(request.user, pk)
    if not permissions.can_report(request.user, translation):
        raise PermissionDenied(_("You cannot report this translation."))
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.translation_report(
                reporter=request.user,
                translation=translation,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except (ValidationError, PermissionDenied) as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Thank you. Moderators will look at this translation."))
            return redirect(kind.url(original))
    return render(request, "translations/report.html", {"translation": translation, "form": form})


def glossary(request):
    language = request.GET.get("language") or ""
    if language not in permissions.CODES:
        language = ""
    return render(
        request,
        "translations/glossary.html",
        {
            "terms": selectors.glossary(language or None)[:2000],
            "language": language,
            "languages": content_language.choices()[1:],
        },
    )
