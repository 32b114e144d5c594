"""Writes for the library: creating and editing resources, files and versions, the review
workflow, downloads, reports and forum discussion. Each function checks its own permissions."""

import contextlib
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.files.inspection import InspectedFile, inspect_upload
from core.markdown import render_markdown
from core.text import without_direction_controls
from moderation.audit import AuditAction, audit_record
from moderation.services import report_create, reports_resolve_for

from . import activity, permissions, tasks
from .models import FileVersion, Resource, ResourceFile, State

M2M_FIELDS = ("types", "themes", "countries", "languages", "audiences", "translations")
SCALAR_FIELDS = (
    "title",
    "summary",
    "description",
    "year",
    "publisher",
    "licence",
    "content_warning",
    "external_url",
)


def inspect_uploads(uploads: Iterable) -> list[InspectedFile]:
    """Every file is checked before anything is written, so a refused file leaves nothing
    half-created. Errors name the file they concern."""
    inspected: list[InspectedFile] = []
    errors: list[ValidationError] = []
    for upload in uploads:
        try:
            inspected.append(inspect_upload(upload))
        except ValidationError as error:
            errors.extend(
                ValidationError(
                    _("%(name)s: %(reason)s") % {"name": (upload.name or "?")[:80], "reason": message},
                    code=getattr(error, "code", "invalid"),
                )
                for message in error.messages
            )
    if errors:
        raise ValidationError(errors)
    return inspected


@contextlib.contextmanager
def _stored_files_cleanup():
    """Delete files written to storage if the transaction that refers to them fails."""
    written: list[str] = []
    try:
        yield written
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise


def _add_version(*, item: ResourceFile, inspected: InspectedFile, actor, number: int, written: list) -> FileVersion:
    version = FileVersion(
        file=item,
        number=number,
        original_name=inspected.original_name,
        extension=inspected.extension,
        kind=inspected.kind.key,
        content_type=inspected.kind.content_type,
        size=inspected.size,
        sha256=inspected.sha256,
        metadata_stripped=inspected.metadata_stripped,
        metadata_removed=list(inspected.removed),
        uploaded_by=actor,
    )
    version.content.save("upload", inspected.content, save=False)
    written.append(version.content.name)
    version.save()
    transaction.on_commit(lambda: tasks.thumbnail_make.enqueue(version.pk))
    return version


def _apply_fields(resource: Resource, data: dict) -> None:
    for name in SCALAR_FIELDS:
        if name in data:
            value = data[name]
            if name in ("title", "summary"):
                # Bidi controls would turn around the sentences that quote them.
                value = without_direction_controls(value).strip()
            setattr(resource, name, value if value is not None or name == "year" else "")
    # The description sits right under the page title (h1): its headings start at h2.
    resource.description_html = render_markdown(resource.description, top_heading=2)


def _set_m2m(resource: Resource, data: dict) -> None:
    for name in M2M_FIELDS:
        if name in data:
            values = list(data[name])
            if name == "translations":
                values = [other for other in values if other.pk != resource.pk]  # never itself
            getattr(resource, name).set(values)


def _check_has_content(resource: Resource) -> None:
    if not resource.has_files and not resource.external_url:
        raise ValidationError(_("Add at least one file or an external link before submitting."), code="no_content")


def _enter_review_or_publish(*, actor, resource: Resource) -> None:
    _check_has_content(resource)
    now = timezone.now()
    resource.submitted_at = now
    resource.review_note = ""
    if permissions.publishes_directly(actor):
        resource.state = State.PUBLISHED
        resource.published_at = resource.published_at or now
    else:
        resource.state = State.IN_REVIEW


def _announce(*, resource: Resource, actor) -> None:
    if resource.state == State.PUBLISHED:
        activity.resource_published(resource=resource, actor=actor)
    elif resource.state == State.IN_REVIEW:
        activity.resource_submitted(resource=resource, actor=actor)


@transaction.atomic
def resource_create(
    *, author, data: dict, uploads: Iterable = (), labels: Iterable = (), submit: bool = True
) -> Resource:
    """Create a resource with its first files. ``submit``: publish (experts) or send for
    review (members); otherwise it stays a draft only its author sees."""
    if not permissions.can_submit(author):
        raise PermissionDenied
    inspected = inspect_uploads(uploads)
    labels = list(labels)
    with _stored_files_cleanup() as written:
        resource = Resource(uploader=author, uploader_name=str(author)[:80], state=State.DRAFT)
        _apply_fields(resource, data)
        resource.has_files = bool(inspected)
        if submit:
            _enter_review_or_publish(actor=author, resource=resource)
        resource.save()
        _set_m2m(resource, data)
        for position, item_file in enumerate(inspected):
            label = labels[position] if position < len(labels) else ""
            item = ResourceFile.objects.create(resource=resource, label=label[:120], position=position)
            _add_version(item=item, inspected=item_file, actor=author, number=1, written=written)
    activity.resource_changed(resource, files_changed=bool(inspected))
    _announce(resource=resource, actor=author)
    return resource


@transaction.atomic
def resource_update(*, actor, resource: Resource, data: dict) -> Resource:
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    if not permissions.can_edit(actor, resource):
        raise PermissionDenied
    _apply_fields(resource, data)
    if resource.state == State.PUBLISHED:
        _check_has_content(resource)
    resource.save()
    _set_m2m(resource, data)
    activity.resource_changed(resource)
    if not permissions.is_owner(actor, resource):
        audit_record(actor=actor, action=AuditAction.RESOURCE_EDIT, target=resource, target_user=resource.uploader)
    return resource


@transaction.atomic
def resource_submit(*, actor, resource: Resource) -> Resource:
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    if not permissions.can_submit_resource(actor, resource):
        raise PermissionDenied
    _enter_review_or_publish(actor=actor, resource=resource)
    resource.save()
    activity.resource_changed(resource)
    _announce(resource=resource, actor=actor)
    return resource


@transaction.atomic
def resource_file_add(*, actor, resource: Resource, upload, label: str = "") -> ResourceFile:
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    if not permissions.can_edit(actor, resource):
        raise PermissionDenied
    (inspected,) = inspect_uploads([upload])
    with _stored_files_cleanup() as written:
        position = resource.files.count()
        item = ResourceFile.objects.create(resource=resource, label=label[:120], position=position)
        _add_version(item=item, inspected=inspected, actor=actor, number=1, written=written)
        if not resource.has_files:
            Resource.objects.filter(pk=resource.pk).update(has_files=True)
    activity.resource_changed(resource, files_changed=True)
    return item


@transaction.atomic
def file_version_add(*, actor, item: ResourceFile, upload) -> FileVersion:
    """A new version of a file; earlier versions stay listed and downloadable."""
    item = ResourceFile.objects.select_for_update().select_related("resource").get(pk=item.pk)
    if not permissions.can_edit(actor, item.resource):
        raise PermissionDenied
    (inspected,) = inspect_uploads([upload])
    with _stored_files_cleanup() as written:
        number = (item.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        version = _add_version(item=item, inspected=inspected, actor=actor, number=number, written=written)
        ResourceFile.objects.filter(pk=item.pk).update(updated_at=timezone.now())
    activity.resource_changed(item.resource, files_changed=True)
    return version


def _decide(*, actor, resource: Resource, state: str, action: AuditAction, reason: str) -> Resource:
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    if not permissions.can_review(actor, resource):
        # In review but outside the moderator's countries: refused, not "no longer waiting".
        if permissions.can_review(actor) and resource.state != State.IN_REVIEW:
            raise ValidationError(_("This resource is no longer waiting for review."), code="not_in_review")
        raise PermissionDenied
    resource.state = state
    resource.review_note = reason
    resource.reviewed_by = actor
    if state == State.PUBLISHED:
        resource.published_at = timezone.now()
    resource.save()
    audit_record(actor=actor, action=action, target=resource, target_user=resource.uploader, reason=reason)
    activity.resource_changed(resource)
    activity.resource_decided(resource=resource, actor=actor)
    return resource


def _required_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Please give a reason; the submitter will read it."), code="reason_required")
    return reason[:2000]


@transaction.atomic
def resource_approve(*, actor, resource: Resource, note: str = "") -> Resource:
    return _decide(
        actor=actor,
        resource=resource,
        state=State.PUBLISHED,
        action=AuditAction.RESOURCE_APPROVE,
        reason=note.strip()[:2000],
    )


@transaction.atomic
def resource_reject(*, actor, resource: Resource, reason: str) -> Resource:
    return _decide(
        actor=actor,
        resource=resource,
        state=State.REJECTED,
        action=AuditAction.RESOURCE_REJECT,
        reason=_required_reason(reason),
    )


@transaction.atomic
def resource_request_changes(*, actor, resource: Resource, reason: str) -> Resource:
    """Send back to the submitter as a draft with the moderator's note."""
    return _decide(
        actor=actor,
        resource=resource,
        state=State.DRAFT,
        action=AuditAction.RESOURCE_REQUEST_CHANGES,
        reason=_required_reason(reason),
    )


@transaction.atomic
def resource_archive(*, actor, resource: Resource, reason: str = "") -> Resource:
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    if not permissions.can_archive(actor, resource):
        raise PermissionDenied
    resource.state = State.ARCHIVED
    resource.save()
    activity.resource_changed(resource)
    if not permissions.is_owner(actor, resource):
        audit_record(
            actor=actor,
            action=AuditAction.RESOURCE_ARCHIVE,
            target=resource,
            target_user=resource.uploader,
            reason=reason,
        )
        reports_resolve_for(actor=actor, target=resource)
    return resource


@transaction.atomic
def resource_restore(*, actor, resource: Resource, reason: str = "") -> Resource:
    """Bring an archived resource back to the library."""
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    if not permissions.can_restore(actor, resource):
        raise PermissionDenied
    resource.state = State.PUBLISHED
    resource.published_at = resource.published_at or timezone.now()
    resource.save()
    activity.resource_changed(resource)
    audit_record(
        actor=actor, action=AuditAction.RESOURCE_RESTORE, target=resource, target_user=resource.uploader, reason=reason
    )
    return resource


def version_download_record(*, version: FileVersion) -> None:
    """Count a download; F() expressions so concurrent downloads are all counted."""
    with transaction.atomic():
        FileVersion.objects.filter(pk=version.pk).update(download_count=F("download_count") + 1)
        Resource.objects.filter(pk=version.file.resource_id).update(download_count=F("download_count") + 1)


@transaction.atomic
def resource_report(*, reporter, resource: Resource, reason: str, note: str = ""):
    if not permissions.can_report(reporter, resource):
        raise PermissionDenied
    return report_create(
        reporter=reporter,
        target=resource,
        reason=reason,
        note=note,
        snapshot=f"{resource.title}\n\n{resource.summary}",
        target_author=resource.uploader,
    )


def resource_discuss(*, actor, resource: Resource):
    """The forum thread tied to this resource, created on first use."""
    if not permissions.can_discuss(actor, resource):
        raise PermissionDenied
    try:
        from forum.services import thread_for_subject
    except ImportError:
        thread_for_subject = None  # type: ignore[assignment]
    if thread_for_subject is None:
        raise ValidationError(_("Discussion in the forum is not available yet."), code="forum_unavailable")
    body = _("Discussion of the library resource “%(title)s”: %(url)s") % {
        "title": resource.title,
        "url": resource.get_absolute_url(),
    }
    with transaction.atomic():
        return thread_for_subject(author=actor, subject=resource, title=resource.title, body=body)
