"""An original is found by the words of its shown translations: their text goes into the
original's search document (``search.registry.register_extra_text``), so the original's own
visibility rules decide who finds it."""

from search.registry import register_extra_text

from .models import Translation


def translations_text(kind_key: str, object_id: int) -> str:
    rows = Translation.objects.filter(kind=kind_key, object_id=object_id, is_hidden=False).values_list(
        "fields", flat=True
    )
    return "\n\n".join(str(value) for fields in rows for value in (fields or {}).values() if value)


def register_search(kind) -> None:
    register_extra_text(kind.search_kind, lambda object_id: translations_text(kind.key, object_id))


def reindex_original(kind, obj) -> None:
    if kind.reindex is not None:
        kind.reindex(obj)
