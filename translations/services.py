"""Writing translations and requests. Views, the moderation registry and tests call these;
each checks the person's right itself."""

import unicodedata

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import can_participate
from core.markdown import render_markdown
from core.text import without_direction_controls
from moderation.audit import AuditAction, audit_record
from moderation.services import report_create
from notifications.models import Kind as NotificationKind
from notifications.services import notify

from . import permissions, registry
from .models import SeparateTranslation, Translation, TranslationRequest
from .searchable import reindex_original


def kind_or_error(key: str) -> registry.TranslatableKind:
    kind = registry.kind_for(key)
    if kind is None:
        raise ValidationError(_("This kind of content cannot be translated."), code="unknown_kind")
    return kind


def _original(kind, object_id: int, user):
    obj = kind.get(object_id)
    if obj is None or not kind.can_view(user, obj):
        raise PermissionDenied(_("This content is not available."))
    return obj


def _clean_text(value: str) -> str:
    # Bidi embeddings, overrides and isolates could reorder the page around the text (core.text);
    # the zero-width joiners Dari and Pashto words need stay.
    text = without_direction_controls(str(value or "")).replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc").strip()


def clean_fields(kind, obj, fields: dict) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    errors: dict[str, ValidationError] = {}
    for source in kind.fields(obj):
        value = _clean_text(fields.get(source.name, ""))
        if len(value) > source.max_length:
            errors[source.name] = ValidationError(
                _("Keep it under %(limit)d characters (now %(count)d).")
                % {"limit": source.max_length, "count": len(value)},
                code="too_long",
            )
        elif not value and source.text.strip():
            errors[source.name] = ValidationError(_("Translate this part too."), code="required")
        cleaned[source.name] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def translation_save(
    *, translator, kind_key: str, object_id: int, language: str, fields: dict, machine_suggested: bool = False
) -> Translation:
    """Publish (or update) the translation of an original into ``language``. The requests for
    it are fulfilled and the requesters and watchers notified when it is new or was outdated."""
    kind = kind_or_error(kind_key)
    obj = _original(kind, object_id, translator)
    if not permissions.can_translate(translator, kind, obj, language):
        raise PermissionDenied(
            _("You can translate into the languages listed in your profile, other than the original's.")
        )
    cleaned = clean_fields(kind, obj, fields)
    html = {
        source.name: str(render_markdown(cleaned[source.name]))
        for source in kind.fields(obj)
        if source.markdown and cleaned.get(source.name)
    }
    existing = (
        Translation.objects.select_for_update().filter(kind=kind.key, object_id=obj.pk, language=language).first()
    )
    announce = existing is None or existing.status == Translation.Status.OUTDATED
    translation = existing or Translation(kind=kind.key, object_id=obj.pk, language=language)
    translation.fields = cleaned
    translation.fields_html = html
    translation.source_language = kind.source_language(obj)
    translation.source_version = kind.version(obj)
    translation.status = Translation.Status.CURRENT
    translation.translator = translator
    translation.translator_name = translator.display_name
    translation.machine_suggested = machine_suggested
    translation.checked_by_person = True
    translation.save()
    requests = TranslationRequest.objects.filter(
        kind=kind.key, object_id=obj.pk, language=language, fulfilled_at__isnull=True
    )
    requester_ids = set(requests.values_list("requester_id", flat=True))
    requests.update(fulfilled_at=timezone.now())
    reindex_original(kind, obj)
    if announce and not translation.is_hidden:
        _announce(kind, obj, translation, requester_ids | set(kind.watchers(obj)))
    return translation


def _announce(kind, obj, translation: Translation, recipient_ids: set[int]) -> None:
    def visible_to(ids):
        return [user.pk for user in User.objects.filter(pk__in=ids) if kind.can_view(user, obj)]

    notify(
        kind=NotificationKind.TRANSLATION,
        recipient_ids=recipient_ids,
        url=kind.url(obj),
        actor=translation.translator,
        target=translation,
        title=kind.title(obj),
        content_warning=kind.content_warning(obj),
        visible_to=visible_to,
        verb=translation.language,
    )


def original_changed(*, kind_key: str, obj) -> int:
    """Called by the feature app after an edit: translations made from other text become
    outdated until someone updates them. Returns how many."""
    kind = kind_or_error(kind_key)
    return (
        Translation.objects.filter(kind=kind.key, object_id=obj.pk, status=Translation.Status.CURRENT)
        .exclude(source_version=kind.version(obj))
        .update(status=Translation.Status.OUTDATED, updated_at=timezone.now())
    )


@transaction.atomic
def request_create(*, requester, kind_key: str, object_id: int, language: str) -> TranslationRequest:
    kind = kind_or_error(kind_key)
    obj = _original(kind, object_id, requester)
    if not permissions.can_request(requester, kind, obj, language):
        raise ValidationError(_("Choose a language other than the original's."), code="invalid_language")
    request, _created = TranslationRequest.objects.get_or_create(
        kind=kind.key, object_id=obj.pk, language=language, requester=requester
    )
    if request.fulfilled_at is not None:
        # Asked again after a translation was published (it may have become outdated).
        request.fulfilled_at = None
        request.save(update_fields=["fulfilled_at"])
    return request


@transaction.atomic
def request_withdraw(*, requester, kind_key: str, object_id: int, language: str) -> None:
    """Withdraw the member's own open request for a translation into ``language``; the other
    members' requests for it stay."""
    kind = kind_or_error(kind_key)
    obj = _original(kind, object_id, requester)
    if not can_participate(requester):
        raise PermissionDenied(_("You cannot do this."))
    deleted, _detail = TranslationRequest.objects.filter(
        kind=kind.key, object_id=obj.pk, language=language, requester=requester, fulfilled_at__isnull=True
    ).delete()
    if not deleted:
        raise ValidationError(_("You have no open request for a translation into this language."), code="no_request")


def _set_hidden(*, actor, translation: Translation, hidden: bool, reason: str) -> Translation:
    kind = kind_or_error(translation.kind)
    obj = kind.get(translation.object_id)
    if obj is None or not permissions.can_moderate_translation(actor, kind, obj):
        raise PermissionDenied(_("You cannot moderate this translation."))
    translation.is_hidden = hidden
    translation.hidden_reason = reason[:500] if hidden else ""
    translation.save(update_fields=["is_hidden", "hidden_reason", "updated_at"])
    reindex_original(kind, obj)
    # Its own entry, beside the decision on a report that may have led to it (and without one).
    audit_record(
        actor=actor,
        action=AuditAction.TRANSLATION_HIDE if hidden else AuditAction.TRANSLATION_UNHIDE,
        target=translation,
        target_user=translation.translator,
        reason=reason,
    )
    return translation


@transaction.atomic
def translation_hide(*, actor, translation: Translation, reason: str) -> Translation:
    return _set_hidden(actor=actor, translation=translation, hidden=True, reason=reason)


@transaction.atomic
def translation_restore(*, actor, translation: Translation, reason: str = "") -> Translation:
    return _set_hidden(actor=actor, translation=translation, hidden=False, reason=reason)


@transaction.atomic
def translation_delete(*, actor, translation: Translation, reason: str = "") -> None:
    kind = kind_or_error(translation.kind)
    obj = kind.get(translation.object_id)
    if obj is not None and not permissions.can_moderate_translation(actor, kind, obj):
        raise PermissionDenied(_("You cannot moderate this translation."))
    # Recorded first, while the entry can still name what it was.
    audit_record(
        actor=actor,
        action=AuditAction.TRANSLATION_DELETE,
        target=translation,
        target_user=translation.translator,
        reason=reason,
    )
    translation.delete()
    if obj is not None:
        reindex_original(kind, obj)


@transaction.atomic
def translation_report(*, reporter, translation: Translation, reason: str, note: str = ""):
    if not permissions.can_report(reporter, translation):
        raise PermissionDenied(_("You cannot report this translation."))
    snapshot = "\n\n".join(str(value) for value in translation.fields.values())
    return report_create(
        reporter=reporter,
        target=translation,
        reason=reason,
        note=note,
        snapshot=snapshot,
        target_author=translation.translator,
    )


def separate_translation_record(
    *, translator, kind_key: str, original, copy, language: str, source_version: str
) -> SeparateTranslation:
    """Record that ``copy`` (an item of the original's kind, created by its app's own service,
    which checked the translator's right) translates ``original`` into ``language``, made from
    the original's files at ``source_version``."""
    kind = kind_or_error(kind_key)
    return SeparateTranslation.objects.create(
        kind=kind.key,
        object_id=original.pk,
        copy_id=copy.pk,
        language=language,
        translator=translator,
        translator_name=translator.display_name,
        source_version=source_version,
    )


def separate_translations_outdate(*, kind_key: str, original, source_version: str) -> int:
    """The original's files changed (``source_version`` is their new state): its separate
    translations made from other files are outdated until their translators update them."""
    return (
        SeparateTranslation.objects.filter(kind=kind_key, object_id=original.pk, status=Translation.Status.CURRENT)
        .exclude(source_version=source_version)
        .update(status=Translation.Status.OUTDATED, updated_at=timezone.now())
    )


def separate_translation_refresh(*, kind_key: str, copy, source_version_of) -> int:
    """A new file in the translation itself brings it up to date with its original's files;
    ``source_version_of(original_id)`` gives their current state."""
    rows = list(SeparateTranslation.objects.filter(kind=kind_key, copy_id=copy.pk))
    for row in rows:
        row.source_version = source_version_of(row.object_id)
        row.status = Translation.Status.CURRENT
        row.save(update_fields=["source_version", "status", "updated_at"])
    return len(rows)


def separate_translations_forget(*, kind_key: str, object_id: int) -> int:
    """An item was deleted: the record naming it as a translation goes. The records naming it
    as the original stay, so that its translations keep following it, out of sight (the
    app's own visibility rule reads them), rather than standing as items of their own."""
    count, _detail = SeparateTranslation.objects.filter(copy_id=object_id, kind=kind_key).delete()
    return count


@transaction.atomic
def separate_translation_published(*, kind_key: str, copy) -> int:
    """``copy``, a separate translation, was published (at once for experts and moderators,
    or when a moderator approved it from review): the open requests for its original in its
    language are fulfilled, and their requesters and the original's watchers are notified as
    for any translation, with a link to the translation. Returns the requests fulfilled."""
    kind = kind_or_error(kind_key)
    row = SeparateTranslation.objects.filter(kind=kind.key, copy_id=copy.pk).select_related("translator").first()
    if row is None:
        return 0
    original = kind.get(row.object_id)
    if original is None:
        return 0
    requests = TranslationRequest.objects.select_for_update().filter(
        kind=kind.key, object_id=row.object_id, language=row.language, fulfilled_at__isnull=True
    )
    requester_ids = set(requests.values_list("requester_id", flat=True))
    fulfilled = requests.update(fulfilled_at=timezone.now())

    def visible_to(ids):
        return [user.pk for user in User.objects.filter(pk__in=ids) if kind.can_view(user, copy)]

    notify(
        kind=NotificationKind.TRANSLATION,
        recipient_ids=requester_ids | set(kind.watchers(original)),
        url=kind.url(copy),
        actor=row.translator,
        target=copy,
        title=kind.title(original),
        content_warning=kind.content_warning(copy),
        visible_to=visible_to,
        verb=row.language,
    )
    return fulfilled
