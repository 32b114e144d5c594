"""Collections: reading lists that experts and moderators put together. The reads (what a
member sees of a collection) and the changes (each one audited) used by the views, the demo
and the tests."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from core.markdown import render_markdown
from core.text import without_direction_controls
from moderation.audit import AuditAction, audit_record

from . import permissions
from .models import Collection, CollectionItem, Resource
from .selectors import CARD_PREFETCH, library

MOST_ITEMS = 100


def collections_for(user) -> QuerySet:
    """Every collection for a member, each with ``shown``: how many of its resources the member
    can open (published, visible to them); one query per page of the list."""
    if not permissions.can_see_collections(user):
        return Collection.objects.none()
    visible = library(user).values("pk")
    return Collection.objects.select_related("language").annotate(
        shown=Count("items", filter=Q(items__resource__in=visible))
    )


def collection_for(user, pk: int) -> Collection:
    """The collection with ``shown_items``: the resources the member may see, in order."""
    if not permissions.can_see_collections(user):
        raise Http404
    items = (
        CollectionItem.objects.filter(resource__in=library(user))
        .select_related("resource")
        .prefetch_related(*(f"resource__{name}" for name in CARD_PREFETCH))
        .order_by("position", "id")
    )
    collection = (
        Collection.objects.select_related("language")
        .prefetch_related(Prefetch("items", queryset=items, to_attr="shown_items"))
        .filter(pk=pk)
        .first()
    )
    if collection is None:
        raise Http404
    return collection


def collection_for_editing(user, pk: int) -> Collection:
    collection = Collection.objects.select_related("language").filter(pk=pk).first()
    if collection is None or not permissions.can_see_collections(user):
        raise Http404
    if not permissions.can_edit_collection(user, collection):
        raise PermissionDenied
    return collection


def items_for_editing(collection: Collection) -> list[CollectionItem]:
    """Every item, including resources since archived, so the curator can remove them."""
    return list(
        collection.items.select_related("resource").only("pk", "position", "resource__title", "resource__state")
    )


def render_texts(collection: Collection) -> None:
    collection.introduction_html = render_markdown(collection.introduction, top_heading=2)
    translations = {}
    for language, value in (collection.translations or {}).items():
        if not isinstance(value, dict):
            continue
        title = str(value.get("title") or "")[:200]
        introduction = str(value.get("introduction") or "")[:5000]
        translations[str(language)[:10].lower()] = {
            "title": title,
            "introduction": introduction,
            "introduction_html": str(render_markdown(introduction, top_heading=2)) if introduction else "",
        }
    collection.translations = translations


def _cleaned(data: dict) -> dict:
    # Bidi controls would turn around the sentences that quote the title.
    if "title" in data:
        data = {**data, "title": without_direction_controls(data["title"]).strip()}
    return data


def collection_create(*, actor, data: dict) -> Collection:
    if not permissions.can_curate(actor):
        raise PermissionDenied
    with transaction.atomic():
        collection = Collection(created_by=actor, created_by_name=str(actor)[:80], **_cleaned(data))
        render_texts(collection)
        collection.save()
        audit_record(actor=actor, action=AuditAction.COLLECTION_CREATE, target=collection)
    return collection


def collection_update(*, actor, collection: Collection, data: dict) -> Collection:
    if not permissions.can_edit_collection(actor, collection):
        raise PermissionDenied
    with transaction.atomic():
        for name, value in _cleaned(data).items():
            setattr(collection, name, value)
        render_texts(collection)
        collection.save()
        audit_record(actor=actor, action=AuditAction.COLLECTION_EDIT, target=collection, data={"change": "details"})
    return collection


TRANSLATION_TITLE_MAX = 200
TRANSLATION_INTRODUCTION_MAX = 5000


def translation_languages() -> dict[str, str]:
    """The interface languages a collection can be translated into, by code."""
    return {code.lower(): str(name) for code, name in settings.LANGUAGES}


def own_language(collection: Collection) -> str:
    """The code of the language the collection is written in, when it is an interface
    language (taxonomy slugs are interface codes): no translation into it is offered."""
    language = collection.language
    return language.slug.lower() if language is not None else ""


def collection_translation_set(
    *, actor, collection: Collection, language: str, title: str, introduction: str = ""
) -> Collection:
    """Add or replace the collection's title and introduction in one interface language; the
    introduction is rendered by the same Markdown renderer (and sanitiser) as the original."""
    if not permissions.can_edit_collection(actor, collection):
        raise PermissionDenied
    language = (language or "").strip().lower()
    if language not in translation_languages():
        raise ValidationError(_("Choose one of the languages of the interface."), code="language")
    if language == own_language(collection):
        raise ValidationError(
            _("The collection is written in this language already: choose another one."), code="own_language"
        )
    title = without_direction_controls(title).strip()
    introduction = (introduction or "").strip()
    if not title:
        raise ValidationError(_("Give the title in this language."), code="title_required")
    if len(title) > TRANSLATION_TITLE_MAX or len(introduction) > TRANSLATION_INTRODUCTION_MAX:
        raise ValidationError(_("The title or the introduction is too long."), code="too_long")
    with transaction.atomic():
        # Locked and read again: two curators translating at once must not undo each other.
        collection = Collection.objects.select_for_update().get(pk=collection.pk)
        existed = language in (collection.translations or {})
        collection.translations = {
            **(collection.translations or {}),
            language: {"title": title, "introduction": introduction},
        }
        render_texts(collection)
        collection.save(update_fields=["translations", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.COLLECTION_EDIT,
            target=collection,
            data={"change": "translation_edit" if existed else "translation_add", "language": language},
        )
    return collection


def collection_translation_remove(*, actor, collection: Collection, language: str) -> Collection:
    if not permissions.can_edit_collection(actor, collection):
        raise PermissionDenied
    language = (language or "").strip().lower()
    with transaction.atomic():
        collection = Collection.objects.select_for_update().get(pk=collection.pk)
        if language not in (collection.translations or {}):
            raise ValidationError(_("There is no translation in this language."), code="no_translation")
        collection.translations = {
            code: value for code, value in (collection.translations or {}).items() if code != language
        }
        collection.save(update_fields=["translations", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.COLLECTION_EDIT,
            target=collection,
            data={"change": "translation_remove", "language": language},
        )
    return collection


def translations_for_editing(collection: Collection) -> list[dict]:
    """The collection's translations in the order of the interface languages, with names."""
    names = translation_languages()
    stored = collection.translations or {}
    return [
        {"language": code, "name": name, **stored[code]}
        for code, name in names.items()
        if isinstance(stored.get(code), dict)
    ]


def collection_delete(*, actor, collection: Collection) -> None:
    if not permissions.can_edit_collection(actor, collection):
        raise PermissionDenied
    with transaction.atomic():
        audit_record(actor=actor, action=AuditAction.COLLECTION_DELETE, target=collection)
        collection.delete()


def collection_add(*, actor, collection: Collection, resource: Resource) -> CollectionItem:
    """Add a published resource the curator can see at the end of the collection."""
    if not permissions.can_edit_collection(actor, collection):
        raise PermissionDenied
    if not library(actor).filter(pk=resource.pk).exists():
        raise ValidationError(_("Only published resources of the library can be added."), code="not_published")
    with transaction.atomic():
        Collection.objects.select_for_update().filter(pk=collection.pk).first()
        if collection.items.filter(resource=resource).exists():
            raise ValidationError(_("This resource is already in the collection."), code="duplicate")
        if collection.items.count() >= MOST_ITEMS:
            raise ValidationError(
                _("A collection holds at most %(count)s resources.") % {"count": MOST_ITEMS}, code="too_many"
            )
        last = collection.items.aggregate(last=Max("position"))["last"]
        item = CollectionItem.objects.create(
            collection=collection, resource=resource, position=0 if last is None else last + 1
        )
        collection.save(update_fields=["updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.COLLECTION_EDIT,
            target=collection,
            data={"change": "add", "resource": resource.pk},
        )
    return item


def collection_remove(*, actor, collection: Collection, item_id: int) -> None:
    if not permissions.can_edit_collection(actor, collection):
        raise PermissionDenied
    with transaction.atomic():
        item = collection.items.filter(pk=item_id).first()
        if item is None:
            raise Http404
        item.delete()
        collection.save(update_fields=["updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.COLLECTION_EDIT,
            target=collection,
            data={"change": "remove", "resource": item.resource_id},
        )


def collection_move(*, actor, collection: Collection, item_id: int, direction: str) -> None:
    """Swap an item with its neighbour above ("up") or below ("down")."""
    if not permissions.can_edit_collection(actor, collection):
        raise PermissionDenied
    if direction not in ("up", "down"):
        raise ValidationError(_("Choose up or down."), code="direction")
    with transaction.atomic():
        Collection.objects.select_for_update().filter(pk=collection.pk).first()
        items = list(collection.items.order_by("position", "id"))
        index = next((i for i, item in enumerate(items) if item.pk == item_id), None)
        if index is None:
            raise Http404
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(items):
            return
        items[index], items[other] = items[other], items[index]
        # Positions renumbered 0..n-1, so ties left by older data never block a move.
        for position, item in enumerate(items):
            if item.position != position:
                CollectionItem.objects.filter(pk=item.pk).update(position=position)
        collection.save(update_fields=["updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.COLLECTION_EDIT,
            target=collection,
            data={"change": "move", "resource": items[other].resource_id, "direction": direction},
        )
