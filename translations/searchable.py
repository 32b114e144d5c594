"""An original is found by the words of its shown translations: their text goes into the
original's search document (``search.registry.register_extra_text``), so the original's own
visibility rules decide who finds it. A result then reads in the reader's language when a
shown translation into it exists (``localise``)."""

from django.db.models import Q

from search.registry import Localised, register_extra_text, register_localiser

from . import registry
from .models import Translation
from .permissions import CODES
from .selectors import is_rtl

# The fields whose text makes a result's excerpt, in order.
EXCERPT_FIELDS = ("body", "summary", "description")


def translations_text(kind_key: str, object_id: int) -> str:
    rows = Translation.objects.filter(kind=kind_key, object_id=object_id, is_hidden=False).values_list(
        "fields", flat=True
    )
    return "\n\n".join(str(value) for fields in rows for value in (fields or {}).values() if value)


def register_search(kind) -> None:
    register_extra_text(kind.search_kind, lambda object_id: translations_text(kind.key, object_id))
    register_localiser(localise)


def reindex_original(kind, obj) -> None:
    if kind.reindex is not None:
        kind.reindex(obj)


def localise(documents, language: str) -> dict[int, Localised]:
    """The title and excerpt of each found document from the shown translation of its item
    into ``language`` (outdated ones too: they say so on the page), by document id. At most
    two queries for the page: the objects holding thread titles, then the translations. The
    documents are already those the reader may find; a hidden translation is never used, nor
    one into the language the original is written in."""
    if language not in CODES or not documents:
        return {}
    bodies: dict[tuple[str, int], list] = {}
    titles: dict[tuple[str, int], list] = {}
    for kind in registry.kinds():
        if not kind.search_kind:
            continue
        for document in documents:
            if document.kind == kind.search_kind:
                bodies.setdefault((kind.key, document.object_id), []).append(document)
        owners_wanted = [d for d in documents if d.kind in kind.title_search_kinds and d.thread_id]
        if kind.title_owner_ids is not None and owners_wanted:
            owners = kind.title_owner_ids(sorted({d.thread_id for d in owners_wanted}))
            for document in owners_wanted:
                if document.thread_id in owners:
                    titles.setdefault((kind.key, owners[document.thread_id]), []).append(document)
        elif not kind.title_search_kinds:
            # The item's own translation carries its title (a resource's).
            for document in documents:
                if document.kind == kind.search_kind:
                    titles.setdefault((kind.key, document.object_id), []).append(document)
    wanted = set(bodies) | set(titles)
    if not wanted:
        return {}
    match = Q(pk__in=[])
    for key in {key for key, _pk in wanted}:
        match |= Q(kind=key, object_id__in=sorted(pk for k, pk in wanted if k == key))
    rows = Translation.objects.filter(match, language=language, is_hidden=False).exclude(source_language=language)
    found: dict[int, dict] = {}
    for row in rows.only("kind", "object_id", "fields", "language"):
        fields = row.fields or {}
        for document in bodies.get((row.kind, row.object_id), ()):
            text = "\n\n".join(str(fields[name]) for name in EXCERPT_FIELDS if fields.get(name))
            found.setdefault(document.pk, {})["body"] = text
        for document in titles.get((row.kind, row.object_id), ()):
            if fields.get("title"):
                found.setdefault(document.pk, {})["title"] = str(fields["title"])
    direction = "rtl" if is_rtl(language) else "ltr"
    return {
        doc_id: Localised(title=parts.get("title", ""), body=parts.get("body", ""), language=language, dir=direction)
        for doc_id, parts in found.items()
    }
