"""A translated file for a resource. A member who lists a language uploads the resource's file
in it; the library keeps it as a resource of its own in that language, linked to the original
through ``Resource.translations`` ("Available in"), so it goes through the same inspection,
cleaning, duplicate check, review and versions as any upload, and is hidden, reported, erased
and exported like any resource. ``translations.models.SeparateTranslation`` records its
translator and the state of the original's files it was made from: a new file version of the
original marks it outdated."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from core import content_language
from core.text import without_direction_controls
from taxonomy.models import Language
from translations import permissions as translation_permissions
from translations import registry
from translations import services as translation_services
from translations.models import SeparateTranslation, Translation

from . import selectors, services
from .models import FileVersion, Resource, State
from .translatable import KIND

# Copied from the original: what the file is about does not change with its language.
TAXONOMY = ("types", "themes", "countries", "audiences")
COPIED = ("year", "publisher", "licence", "content_warning")


def original_for(user, pk: int) -> Resource:
    """The published original, or 404 (a draft or a resource in review has no translations)."""
    resource = selectors.library(user).filter(pk=pk).first()
    if resource is None:
        raise Http404
    return resource


def _kind() -> registry.TranslatableKind:
    kind = registry.kind_for(KIND)
    if kind is None:  # registered in ResourcesConfig.ready
        raise PermissionDenied
    return kind


def languages_for(user, original: Resource) -> list[str]:
    """The languages ``user`` may upload a translated file of ``original`` in: those their
    profile lists, other than the original's; the one predicate of every translation power,
    so the page opens exactly where the resource page offers it."""
    return translation_permissions.translatable_languages(user, _kind(), original)


def files_version(resource_id: int) -> str:
    """The state of a resource's files: its newest file version (each upload is a new row)."""
    newest = FileVersion.objects.filter(file__resource_id=resource_id).aggregate(newest=Max("pk"))["newest"]
    return str(newest or 0)


def member_translation(original: Resource, language: str) -> Translation | None:
    """The members' shown translation of the original's title, summary and description."""
    return Translation.objects.filter(kind=KIND, object_id=original.pk, language=language, is_hidden=False).first()


def _live_copy(original: Resource, language: str) -> Resource | None:
    """A translated file already shared in ``language`` and not rejected or archived."""
    copy_ids = SeparateTranslation.objects.filter(kind=KIND, object_id=original.pk, language=language).values("copy_id")
    return (
        Resource.objects.filter(pk__in=copy_ids)
        .exclude(state__in=[State.REJECTED, State.ARCHIVED])
        .order_by("pk")
        .first()
    )


def _live_copies(original: Resource) -> QuerySet:
    """The translated files of ``original`` shared and not rejected or archived: published,
    waiting for review or sent back to their translator."""
    copy_ids = SeparateTranslation.objects.filter(kind=KIND, object_id=original.pk).values("copy_id")
    return Resource.objects.filter(pk__in=copy_ids).exclude(state__in=[State.REJECTED, State.ARCHIVED])


def _taken(original: Resource) -> set[str]:
    return set(
        SeparateTranslation.objects.filter(
            kind=KIND, object_id=original.pk, copy_id__in=_live_copies(original).values("pk")
        ).values_list("language", flat=True)
    )


def upload_languages(user, original: Resource) -> list[str]:
    """The languages ``user`` may upload a translated file in now: ``languages_for`` without
    those that already have a live or pending copy (its translator uploads a new version of
    it instead), so the form never offers a language the upload would refuse."""
    languages = languages_for(user, original)
    if not languages:
        return []
    taken = _taken(original)
    return [code for code in languages if code not in taken]


def original_page(user, original: Resource) -> dict:
    """For the original's page, in one query (two for a moderator when another member's copy
    waits): the languages the "Upload a translated file" action may offer (``languages``), and
    the translated files not yet published that ``user`` may see (``pending``: their own, and
    those a moderator looks after), each with ``language_label``."""
    language = SeparateTranslation.objects.filter(kind=KIND, copy_id=OuterRef("pk")).values("language")[:1]
    copies = list(
        _live_copies(original)
        .annotate(copy_language=Subquery(language))
        .only("pk", "title", "slug", "state", "uploader_id")
        .order_by("pk")
    )
    waiting = [copy for copy in copies if copy.state != State.PUBLISHED]
    others = [copy.pk for copy in waiting if copy.uploader_id != user.pk]
    seen = (
        set(Resource.objects.visible_to(user).filter(pk__in=others).values_list("pk", flat=True)) if others else set()
    )
    pending = [copy for copy in waiting if copy.uploader_id == user.pk or copy.pk in seen]
    for copy in pending:
        copy.language_label = content_language.label(copy.copy_language)
    taken = {copy.copy_language for copy in copies}
    return {
        "languages": [code for code in languages_for(user, original) if code not in taken],
        "pending": pending,
    }


def visible_copy(user, original: Resource, language: str) -> Resource | None:
    """The live copy in ``language`` when ``user`` may open it, to name and link it."""
    existing = _live_copy(original, language)
    if existing is None or not Resource.objects.visible_to(user).filter(pk=existing.pk).exists():
        return None
    return existing


@transaction.atomic
def translated_file_create(
    *, translator, original: Resource, language: str, upload, title: str = "", summary: str = "", label: str = ""
) -> Resource:
    """Share ``upload`` as the translation of ``original``'s file into ``language``: a new
    resource in that language with the original's taxonomy, its title and summary given or
    taken from the members' translation of them, published or sent for review by the
    translator's role, and linked to the original."""
    original = Resource.objects.select_for_update().get(pk=original.pk)
    if original.state != State.PUBLISHED:
        raise PermissionDenied(_("Only a published resource can be translated."))
    if language not in languages_for(translator, original):
        raise PermissionDenied(
            _("You can translate into the languages listed in your profile, other than the original's.")
        )
    existing = _live_copy(original, language)
    if existing is not None:
        # Named only to those who may open it: another member's copy in review is not
        # theirs to know of (its page answers 404 to them).
        if visible_copy(translator, original, language) is not None:
            raise ValidationError(
                _(
                    "A translated file in %(language)s is already shared: “%(title)s”. "
                    "Upload a new version of it instead."
                )
                % {"language": content_language.label(language), "title": without_direction_controls(existing.title)},
                code="exists",
            )
        raise ValidationError(
            _(
                "A translated file in %(language)s is already waiting for review. You can upload yours once it is decided."
            )
            % {"language": content_language.label(language)},
            code="exists_in_review",
        )
    term = Language.objects.filter(slug=language).first()
    if term is None:
        raise ValidationError(_("This language is not in the library yet."), code="unknown_language")
    shared = member_translation(original, language)
    fields = shared.fields if shared is not None else {}
    # Bidi controls would turn around the sentences that quote them; nothing else left is empty.
    title = without_direction_controls(title).strip() or without_direction_controls(fields.get("title")).strip()
    summary = without_direction_controls(summary).strip() or without_direction_controls(fields.get("summary")).strip()
    errors = {}
    if not title:
        errors["title"] = ValidationError(_("Give the title in the language of the file."), code="required")
    if not summary:
        errors["summary"] = ValidationError(_("Give the summary in the language of the file."), code="required")
    if errors:
        raise ValidationError(errors)
    data = {
        "title": title[:200],
        "summary": summary[:600],
        "description": (fields.get("description") or "")[:20000],
        "external_url": "",
        **{name: getattr(original, name) for name in COPIED},
        **{name: list(getattr(original, name).all()) for name in TAXONOMY},
        "languages": [term],
        "translations": [original],
    }
    copy = services.resource_create(
        author=translator, data=data, uploads=[upload], labels=[(label or title)[:120]], submit=True
    )
    translation_services.separate_translation_record(
        translator=translator,
        kind_key=KIND,
        original=original,
        copy=copy,
        language=language,
        source_version=files_version(original.pk),
    )
    if copy.state == State.PUBLISHED:
        translated_file_published(copy)
    return copy


def translated_file_published(resource: Resource) -> int:
    """A resource was published; when it is a translated file, the requests for its original
    in its language are fulfilled and the requesters and watchers notified. Called at once
    for experts and moderators, and by the library's publication when a moderator approves
    it from review."""
    return translation_services.separate_translation_published(kind_key=KIND, copy=resource)


def file_version_added(version: FileVersion) -> None:
    """A new file or version in a resource: its translated files made from the earlier files
    are outdated; a translated file that receives it is up to date again."""
    resource = version.file.resource
    translation_services.separate_translations_outdate(
        kind_key=KIND, original=resource, source_version=files_version(resource.pk)
    )
    translation_services.separate_translation_refresh(kind_key=KIND, copy=resource, source_version_of=files_version)
