from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import moderator_required
from core import content_language, discreet, fragments, light_mode, visits
from core.backlinks import backlinks_for
from core.body_limit import accepts_uploads
from core.errors import add_service_error
from core.files.serving import file_response
from core.files.uploads import limit_uploads
from core.middleware import allow_caching
from core.pagination import keyset_page
from core.ratelimit import rate_limit_view
from core.text import without_direction_controls
from translations.selectors import languages_available

from . import partial_uploads, permissions, previews, selectors, services, upload_feedback, upload_form
from .filters import TRANSLATION_KIND, ResourceFilter, chips
from .forms import FileUploadForm, ReasonForm, ReportForm, ResourceForm
from .models import PartialUpload, State

# Sent by library.js: the answer is the results and facets alone, swapped into the page.
FRAGMENT_HEADER = "X-Library-Fragment"


def library(request):
    filterset = ResourceFilter(request.GET, queryset=selectors.library(request.user))
    results = filterset.qs.defer("description", "description_html").prefetch_related(*selectors.CARD_PREFETCH)
    page = keyset_page(results, ordering=filterset.ordering, cursor=request.GET.get("after"), size=20)
    facets = filterset.facets_cached(shared=permissions.sees_the_whole_library(request.user))
    fragment = bool(request.headers.get(FRAGMENT_HEADER))
    # No filter, search, order or page chosen: the library's landing.
    landing = not any(value.strip() for _key, values in request.GET.lists() for value in values)
    home = selectors.library_home(request.user, visits.visit_since(request)) if landing else None
    response = render(
        request,
        "resources/_library_live.html" if fragment else "resources/list.html",
        {
            "filter": filterset,
            "facets": facets,
            "chips": chips(request.GET, facets),
            "page": page,
            "cards": library_cards(page.items),
            "facets_html": library_facets(filterset, facets),
            "home": home,
            "can_submit": permissions.can_submit(request.user),
        },
    )
    patch_vary_headers(response, [FRAGMENT_HEADER])
    return response


def library_cards(resources) -> list:
    """The cards of the listed resources, each rendered once per distinct content, language
    and time zone and shared by every member (core.fragments); the key holds everything the
    card shows. Which resources are listed is the page's query alone."""
    translated = languages_available(TRANSLATION_KIND, [resource.pk for resource in resources])

    def translations_of(resource):
        return [(code, content_language.label(code)) for code in translated.get(resource.pk, ())]

    return fragments.rows_rendered(
        "resources/_card.html",
        resources,
        name="resource",
        per_item=lambda resource: {"card_translations": translations_of(resource)},
        key=lambda r: (
            r.pk,
            r.title,
            [t.name for t in r.types.all()],
            r.year,
            r.publisher,
            r.content_warning,
            r.summary,
            [c.name for c in r.countries.all()],
            [(lang.slug, lang.name) for lang in r.languages.all()],
            translations_of(r),
            r.download_count,
            r.has_files,
        ),
    )


def library_facets(filterset, facets) -> str:
    """The facets' section, rendered once per distinct set of counts and choices and shared by
    every member who gets the same counts (core.fragments)."""
    form = filterset.form
    chosen = {
        "has_files": form["has_files"].value() or "",
        "year_min": form["year_min"].value() or "",
        "year_max": form["year_max"].value() or "",
    }
    return fragments.rows_rendered(
        "resources/_library_facets.html",
        [facets],
        name="facets",
        extra=chosen,
        key=lambda facets: [repr(facet) for facet in facets],
    )[0]


def mine(request):
    page = keyset_page(
        selectors.resources_of(request.user), ordering=("-updated_at", "-id"), cursor=request.GET.get("after")
    )
    return render(request, "resources/mine.html", {"page": page})


def _translation_choices(user):
    return selectors.library(user).order_by("title")


@limit_uploads
def create(request):
    if not permissions.can_submit(request.user):
        raise PermissionDenied
    posted = request.method == "POST"
    form = ResourceForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        translation_choices=_translation_choices(request.user),
        owner=request.user,
        initial=upload_form.initial_for(request.user, request.LANGUAGE_CODE),
    )
    if posted and not upload_feedback.refused_while_uploading(request, form, "files") and form.is_valid():
        posted_whole = form.cleaned_data.pop("files")
        submit = "save_draft" not in request.POST
        try:
            with partial_uploads.claimed(form.cleaned_data.pop("uploaded")) as sent_in_pieces:
                uploads = posted_whole + sent_in_pieces
                resource = services.resource_create(
                    author=request.user,
                    data=form.cleaned_data,
                    uploads=uploads,
                    labels=[upload.name.rsplit(".", 1)[0][:120] for upload in uploads],
                    submit=submit,
                )
        except ValidationError as error:
            add_service_error(form, error, field="files")
        else:
            upload_feedback.announce_state(request, resource)
            upload_feedback.point_out_duplicates(request, resource)
            return redirect(resource)
    return _form_page(
        request,
        form,
        {"publishes_directly": permissions.publishes_directly(request.user), "creating": True},
    )


def _form_page(request, form, context):
    upload_form.mark_required(form)
    context.update({"form": form, "groups": upload_form.grouped(form), "kept_facts": upload_form.kept_facts(form)})
    return render(request, "resources/form.html", context)


def detail(request, pk, slug=None):
    resource = selectors.resource_for(request.user, pk)
    # Discreet mode keeps the title out of the address; otherwise the slugged one is canonical.
    if discreet.is_on(request):
        if slug is not None:
            return redirect(resource.get_absolute_url())
    elif slug != resource.slug:
        return redirect(resource.get_slugged_url())
    user = request.user
    files = list(resource.files.all())
    duplicates = selectors.duplicates_for(user, resource)
    for item in files:
        for version in item.versions.all():
            version.duplicates = duplicates.get(version.sha256, [])
            # An office file without a PDF rendering (no LibreOffice, or it failed): say why
            # there is nothing to read in the browser.
            version.download_to_read = previews.is_readable(version) and not (
                previews.has_pages(version) or previews.is_image(version)
            )
    # The preview is the latest version of the first file that has one.
    preview = next((v[0] for v in (list(item.versions.all()) for item in files) if v and v[0].thumbnail), None)
    return render(
        request,
        "resources/detail.html",
        {
            "resource": resource,
            "files": files,
            "preview": preview,
            "can_edit": permissions.can_edit(user, resource),
            "can_submit": permissions.can_submit_resource(user, resource),
            "can_review": permissions.can_review(user, resource),
            "can_archive": permissions.can_archive(user, resource),
            "can_restore": permissions.can_restore(user, resource),
            "can_report": permissions.can_report(user, resource),
            "can_discuss": permissions.can_discuss(user, resource),
            "is_owner": permissions.is_owner(user, resource),
            "reason_form": ReasonForm(),
            "report_form": ReportForm(),
            "related": selectors.related_to(user, resource),
            "backlinks": backlinks_for("resource", resource.pk, user),
        },
    )


def edit(request, pk):
    resource = selectors.resource_simple(request.user, pk)
    if not permissions.can_edit(request.user, resource):
        raise PermissionDenied
    form = ResourceForm(
        request.POST or None,
        instance=resource,
        with_files=False,
        translation_choices=_translation_choices(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.resource_update(actor=request.user, resource=resource, data=form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(resource)
    return _form_page(request, form, {"resource": resource, "creating": False})


@require_POST
def submit(request, pk):
    resource = selectors.resource_simple(request.user, pk)
    try:
        resource = services.resource_submit(actor=request.user, resource=resource)
    except ValidationError as error:
        add_service_error(request, error)
    else:
        upload_feedback.announce_state(request, resource)
    return redirect(resource)


@limit_uploads
def file_add(request, pk):
    resource = selectors.resource_simple(request.user, pk)
    if not permissions.can_edit(request.user, resource):
        raise PermissionDenied
    posted = request.method == "POST"
    form = FileUploadForm(request.POST if posted else None, request.FILES if posted else None, owner=request.user)
    if posted and not upload_feedback.refused_while_uploading(request, form, "upload") and form.is_valid():
        try:
            with partial_uploads.claimed(form.cleaned_data["uploaded"]) as sent_in_pieces:
                services.resource_file_add(
                    actor=request.user,
                    resource=resource,
                    upload=form.cleaned_data["upload"] or sent_in_pieces[0],
                    label=form.cleaned_data["label"],
                )
        except ValidationError as error:
            add_service_error(form, error, field="upload")
        else:
            messages.success(request, _("The file is added."))
            upload_feedback.point_out_duplicates(request, resource)
            return redirect(resource)
    return render(request, "resources/file_form.html", {"form": form, "resource": resource, "item": None})


@limit_uploads
def version_add(request, pk):
    item = selectors.file_for(request.user, pk)
    resource = item.resource
    if not permissions.can_edit(request.user, resource):
        raise PermissionDenied
    posted = request.method == "POST"
    form = FileUploadForm(
        request.POST if posted else None, request.FILES if posted else None, with_label=False, owner=request.user
    )
    if posted and not upload_feedback.refused_while_uploading(request, form, "upload") and form.is_valid():
        try:
            with partial_uploads.claimed(form.cleaned_data["uploaded"]) as sent_in_pieces:
                services.file_version_add(
                    actor=request.user, item=item, upload=form.cleaned_data["upload"] or sent_in_pieces[0]
                )
        except ValidationError as error:
            add_service_error(form, error, field="upload")
        else:
            messages.success(request, _("The new version is added; earlier versions stay available."))
            return redirect(resource)
    return render(request, "resources/file_form.html", {"form": form, "resource": resource, "item": item})


def _upload_error(error: ValidationError, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": " ".join(error.messages), "code": error.code}, status=status)


def _upload_expired() -> JsonResponse:
    return JsonResponse({"error": _("This upload has expired. Please choose the file again.")}, status=404)


def _upload_state(upload, status: int = 200) -> JsonResponse:
    response = JsonResponse(
        {
            "id": str(upload.pk),
            "url": reverse("resources:partial_upload", args=[upload.pk]),
            "name": upload.name,
            "size": upload.size,
            "offset": upload.received,
            "chunk_size": settings.UPLOAD_CHUNK_BYTES,
        },
        status=status,
    )
    response["Upload-Offset"] = str(upload.received)
    return response


@require_POST
def partial_upload_start(request):
    """Announce a file to be sent in pieces (see resources.partial_uploads)."""
    try:
        upload = partial_uploads.upload_start(
            owner=request.user, name=request.POST.get("name", ""), size=request.POST.get("size")
        )
    except ValidationError as error:
        return _upload_error(error, status={"forbidden": 403, "rate_limited": 429}.get(error.code, 400))
    return _upload_state(upload, status=201)


@accepts_uploads  # checks the size of each piece itself, with an answer the uploader understands
@require_http_methods(["GET", "HEAD", "PATCH", "DELETE"])
def partial_upload(request, upload_id):
    """Where an upload stands (GET), its next piece (PATCH with ``Upload-Offset``), or cancel it."""
    if request.method == "DELETE":
        found = partial_uploads.upload_cancel(owner=request.user, upload_id=upload_id)
        return HttpResponse(status=204) if found else _upload_expired()
    if request.method == "PATCH":
        try:
            upload = partial_uploads.upload_append(
                owner=request.user,
                upload_id=upload_id,
                offset=request.headers.get("Upload-Offset"),
                stream=request,
                length=request.META.get("CONTENT_LENGTH"),
            )
        except partial_uploads.OffsetMismatch as mismatch:
            response = JsonResponse({"offset": mismatch.offset}, status=409)
            response["Upload-Offset"] = str(mismatch.offset)
            return response
        except ValidationError as error:
            return _upload_error(error)
        except PartialUpload.DoesNotExist:
            return _upload_expired()
        return _upload_state(upload)
    upload = partial_uploads.upload_for(request.user, upload_id)
    return _upload_state(upload) if upload else _upload_expired()


def _downloadable(request, pk):
    """The file version, if the member may download it: the one check for downloads and
    previews alike, made on every request, not only when the page was shown."""
    version = selectors.version_for(request.user, pk)
    if not permissions.can_download(request.user, version.file.resource):
        raise PermissionDenied
    return version


def _readable(request, pk, version_pk):
    version = _downloadable(request, version_pk)
    if version.file.resource_id != pk or not previews.is_readable(version):
        raise Http404
    return version


def _page_number(value) -> int:
    try:
        return max(int(value), 1)
    except (TypeError, ValueError):
        return 1


def preview(request, pk, version_pk):
    """A PDF page by page as images, or an image at full size; in light mode a link to the
    download instead, so nothing heavy loads unasked."""
    version = _readable(request, pk, version_pk)
    light = light_mode.is_on(request)
    count = None if light or previews.is_image(version) else previews.page_count(version)
    number = min(_page_number(request.GET.get("page")), count or 1)
    return render(
        request,
        "resources/preview.html",
        {
            "resource": version.file.resource,
            "version": version,
            "is_image": previews.is_image(version),
            "light": light,
            "count": count,
            "number": number,
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if count and number < count else None,
        },
    )


def preview_page(request, pk, version_pk, number):
    version = _readable(request, pk, version_pk)
    if previews.is_image(version):
        if number != 1:
            raise Http404
        return previews.image_response(version)
    path = previews.page_image(version, number)
    if path is None:
        raise Http404
    return previews.page_response(path)


def download(request, pk):
    version = _downloadable(request, pk)
    # Discreet mode: a neutral name in the downloads list, not the file's own.
    name = discreet.download_name(version.pk, version.original_name) if discreet.is_on(request) else None
    response = file_response(request, version, attachment_name=name)
    # A resumed download (a range not starting at 0) is the same download, counted once.
    resumed = response.status_code == 206 and not response["Content-Range"].startswith("bytes 0-")
    if response.status_code < 400 and not resumed:
        services.version_download_record(version=version)
    return response


PREVIEW_KEPT_SECONDS = 365 * 24 * 60 * 60


def thumbnail(request, pk):
    version = selectors.version_for(request.user, pk)
    response = file_response(request, version, thumbnail=True)
    # A published resource's preview is no member content: under its hashed address the
    # browser keeps it instead of fetching it on every visit. Anything else (a draft, a
    # resource in review, an old address) stays no-store; access is checked above either way.
    published = version.file.resource.state == State.PUBLISHED
    if published and request.GET.get("v") == version.thumbnail_digest():
        allow_caching(response, max_age=PREVIEW_KEPT_SECONDS)
    return response


@moderator_required
def review_queue(request):
    page = keyset_page(
        selectors.review_queue(request.user), ordering=("submitted_at", "id"), cursor=request.GET.get("after")
    )
    return render(request, "resources/review.html", {"page": page, "reason_form": ReasonForm()})


@moderator_required
@require_POST
def review_decide(request, pk, decision):
    resource = selectors.resource_simple(request.user, pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    # Titles stored before bidi controls were removed on input must not turn the message around.
    title = without_direction_controls(resource.title)
    try:
        if decision == "approve":
            services.resource_approve(actor=request.user, resource=resource, note=reason)
            messages.success(request, _("“%(title)s” is published.") % {"title": title})
        elif decision == "reject":
            services.resource_reject(actor=request.user, resource=resource, reason=reason)
            messages.success(request, _("“%(title)s” was rejected.") % {"title": title})
        else:
            services.resource_request_changes(actor=request.user, resource=resource, reason=reason)
            messages.success(request, _("“%(title)s” was sent back for changes.") % {"title": title})
    except ValidationError as error:
        add_service_error(request, error)
    return redirect("resources:review")


@require_POST
def archive(request, pk):
    resource = selectors.resource_simple(request.user, pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.resource_archive(actor=request.user, resource=resource, reason=reason)
    messages.success(request, _("The resource is archived and no longer listed."))
    return redirect(resource)


@moderator_required
@require_POST
def restore(request, pk):
    resource = selectors.resource_simple(request.user, pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.resource_restore(actor=request.user, resource=resource, reason=reason)
    messages.success(request, _("The resource is back in the library."))
    return redirect(resource)


@require_POST
@rate_limit_view("report")
def report(request, pk):
    resource = selectors.resource_simple(request.user, pk)
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a reason for the report."))
        return redirect(resource)
    try:
        services.resource_report(
            reporter=request.user, resource=resource, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        add_service_error(request, error)
    else:
        messages.success(request, _("Thank you. The moderators will look at your report."))
    return redirect(resource)


@require_POST
def discuss(request, pk):
    resource = selectors.resource_simple(request.user, pk)
    try:
        thread = services.resource_discuss(actor=request.user, resource=resource)
    except ValidationError as error:
        add_service_error(request, error)
        return redirect(resource)
    return redirect(thread.get_absolute_url() if hasattr(thread, "get_absolute_url") else reverse("forum:index"))
