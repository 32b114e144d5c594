"""Reading translations, requests and the glossary. Every read follows the original's
visibility (``TranslatableKind.can_view`` / ``visible_ids``)."""

from collections import defaultdict

from django.db.models import Count, Max, Q
from django.http import Http404
from django.utils.translation import get_language_info

from core import content_language

from . import permissions, registry
from .glossary import WORD, occurs
from .models import GlossaryTerm, SeparateTranslation, Translation, TranslationRequest

REQUESTS_SHOWN = 200


def kind_get(key: str) -> registry.TranslatableKind:
    kind = registry.kind_for(key)
    if kind is None:
        raise Http404
    return kind


def original_get(user, kind, object_id: int):
    """The original, or 404 for a person who may not see it."""
    obj = kind.get(object_id)
    if obj is None or not kind.can_view(user, obj):
        raise Http404
    return obj


def is_rtl(language: str) -> bool:
    try:
        return bool(get_language_info(language)["bidi"])
    except KeyError:
        return False


def decorate(translation: Translation, kind, obj) -> Translation:
    """What pages show beside the text: outdated (marked on edit, or checked here against the
    original's current text), the languages' names and the text direction."""
    translation.is_outdated = (
        translation.status == Translation.Status.OUTDATED or translation.source_version != kind.version(obj)
    )
    translation.dir = "rtl" if is_rtl(translation.language) else "ltr"
    translation.language_label = content_language.label(translation.language)
    translation.source_label = content_language.label(translation.source_language)
    return translation


def translation_get(user, pk: int):
    """A translation, its kind and its original; 404 when the original is out of sight or the
    translation is hidden from this person."""
    translation = Translation.objects.filter(pk=pk).select_related("translator").first()
    if translation is None:
        raise Http404
    kind = kind_get(translation.kind)
    obj = original_get(user, kind, translation.object_id)
    if translation.is_hidden and not permissions.can_moderate_translation(user, kind, obj):
        raise Http404
    return decorate(translation, kind, obj), kind, obj


def existing_translation(kind, obj, language: str) -> Translation | None:
    return Translation.objects.filter(kind=kind.key, object_id=obj.pk, language=language).first()


def translations_for(kind_key: str, objects, language: str) -> dict[int, Translation]:
    """The shown translations of ``objects`` into ``language``, by object id: one query for a
    whole page. The caller already filtered ``objects`` to what the reader may see."""
    kind = registry.kind_for(kind_key)
    by_pk = {obj.pk: obj for obj in objects}
    if kind is None or not by_pk or language not in permissions.CODES:
        return {}
    rows = Translation.objects.filter(
        kind=kind.key, object_id__in=list(by_pk), language=language, is_hidden=False
    ).only(
        "pk",
        "object_id",
        "language",
        "source_language",
        "fields",
        "fields_html",
        "translator_name",
        "translator_id",
        "source_version",
        "status",
        "machine_suggested",
        "checked_by_person",
    )
    # An original edited into the translation's language needs no translation.
    return {
        row.object_id: decorate(row, kind, by_pk[row.object_id])
        for row in rows
        if kind.source_language(by_pk[row.object_id]) != language
    }


def languages_available(kind_key: str, ids) -> dict[int, list[str]]:
    """The languages each object has a shown translation in (one query), for lists."""
    found: dict[int, list[str]] = defaultdict(list)
    ids = list(ids)
    if not ids:
        return {}
    rows = (
        Translation.objects.filter(kind=kind_key, object_id__in=ids, is_hidden=False)
        .order_by("object_id", "language")
        .values_list("object_id", "language")
    )
    for object_id, language in rows:
        found[object_id].append(language)
    return dict(found)


def translations_of(kind, obj) -> list[Translation]:
    """Every shown translation of one original (its language list)."""
    rows = Translation.objects.filter(kind=kind.key, object_id=obj.pk, is_hidden=False).order_by("language")
    return [decorate(row, kind, obj) for row in rows]


def open_requests(user) -> list[dict]:
    """Requests waiting in the languages the member lists, one row per original and language
    with how many asked, newest first; only originals the member may see."""
    languages = permissions.member_languages(user)
    if not languages:
        return []
    grouped = list(
        TranslationRequest.objects.filter(language__in=languages, fulfilled_at__isnull=True)
        .values("kind", "object_id", "language")
        .annotate(count=Count("id"), latest=Max("created_at"))
        .order_by("-latest")[:REQUESTS_SHOWN]
    )
    by_kind: dict[str, set[int]] = defaultdict(set)
    for row in grouped:
        by_kind[row["kind"]].add(row["object_id"])
    objects: dict[tuple[str, int], tuple] = {}
    for key, ids in by_kind.items():
        kind = registry.kind_for(key)
        if kind is None:
            continue
        visible = list(kind.visible_ids(user, sorted(ids)))
        for pk, obj in kind.get_bulk(visible).items():
            objects[(key, pk)] = (kind, obj)
    rows = []
    for row in grouped:
        found = objects.get((row["kind"], row["object_id"]))
        if found is None:
            continue
        kind, obj = found
        if row["language"] == kind.source_language(obj):
            continue
        rows.append(
            {
                **row,
                "kind_obj": kind,
                "obj": obj,
                "title": kind.title(obj),
                "url": kind.url(obj),
                "content_warning": kind.content_warning(obj),
                "language_label": content_language.label(row["language"]),
                "source_label": content_language.label(kind.source_language(obj)),
            }
        )
    return rows


def open_request_count(user) -> int:
    """How many originals wait for a translation into the member's languages: a fixed number
    of queries (the requests, then one per kind for visibility)."""
    # The member's languages as a subquery: one query for those who list none.
    languages = user.languages.values("slug")
    pairs = set(
        TranslationRequest.objects.filter(language__in=languages, fulfilled_at__isnull=True)
        .values_list("kind", "object_id", "language")
        .distinct()[:REQUESTS_SHOWN]
    )
    by_kind: dict[str, set[int]] = defaultdict(set)
    for key, object_id, _language in pairs:
        by_kind[key].add(object_id)
    visible: set[tuple[str, int]] = set()
    for key, ids in by_kind.items():
        kind = registry.kind_for(key)
        if kind is not None:
            visible.update((key, pk) for pk in kind.visible_ids(user, sorted(ids)))
    return sum(1 for key, object_id, _language in pairs if (key, object_id) in visible)


def glossary_for(language: str, texts: list[str]) -> list[GlossaryTerm]:
    """Glossary entries of ``language`` whose English or Russian term occurs in the original's
    text (one query; the glossary of one language is a few hundred rows at most)."""
    haystack = "\n".join(texts).casefold()
    if not haystack.strip():
        return []
    words = set(WORD.findall(haystack))
    return [
        entry
        for entry in GlossaryTerm.objects.filter(language=language)
        if occurs(entry.term, words, haystack) or (entry.term_ru and occurs(entry.term_ru, words, haystack))
    ]


def glossary(language: str | None = None):
    terms = GlossaryTerm.objects.all()
    return terms.filter(language=language) if language else terms


def visible_translation_ids(user, ids: list[int]) -> list[int]:
    """For notifications: the translations the member may still see (shown, and the
    original in sight): one query per kind among them."""
    rows = list(Translation.objects.filter(pk__in=ids, is_hidden=False).values_list("pk", "kind", "object_id"))
    by_kind: dict[str, set[int]] = defaultdict(set)
    for _pk, key, object_id in rows:
        by_kind[key].add(object_id)
    allowed: set[tuple[str, int]] = set()
    for key, object_ids in by_kind.items():
        kind = registry.kind_for(key)
        if kind is not None:
            allowed.update((key, pk) for pk in kind.visible_ids(user, sorted(object_ids)))
    return [pk for pk, key, object_id in rows if (key, object_id) in allowed]


def separate_translations(kind_key: str, obj) -> dict:
    """For one item's page, in one query: its separate translations by the id of the item
    that holds each (``copies``), and, when the item is itself one, the row saying of which
    original (``of``). Whether the member may see each item is the page's own rule."""
    rows = list(
        SeparateTranslation.objects.filter(Q(object_id=obj.pk) | Q(copy_id=obj.pk), kind=kind_key).order_by(
            "language", "id"
        )
    )
    for row in rows:
        row.language_label = content_language.label(row.language)
    return {
        "copies": {row.copy_id: row for row in rows if row.object_id == obj.pk},
        "of": next((row for row in rows if row.copy_id == obj.pk), None),
    }


def request_choices(user, kind, obj, published: set[str]) -> dict:
    """For an original's "Request a translation into" form, in one query: the languages the
    member already asked for and still waits for (``asked``), and those worth offering
    (``offer``): not the original's, not one with a published translation (``published``, text
    or separate), not one already asked for. Each language in its own name, as the language
    menu writes it."""
    source = kind.source_language(obj)
    asked = set()
    if getattr(user, "is_authenticated", False):
        asked = set(
            TranslationRequest.objects.filter(
                kind=kind.key, object_id=obj.pk, requester=user, fulfilled_at__isnull=True
            ).values_list("language", flat=True)
        )
    codes = [code for code, _name in content_language.choices()[1:]]
    return {
        "asked": [(code, content_language.label(code)) for code in codes if code in asked and code not in published],
        "offer": [
            (code, content_language.label(code))
            for code in codes
            if code != source and code not in published and code not in asked
        ],
    }
