"""Translations' part in members' rights: erasure and export (registered in
``TranslationsConfig.ready``)."""

from accounts.rights import ExportPart, iso, register_erasure, register_export

from . import registry
from .models import SeparateTranslation, Translation, TranslationRequest
from .searchable import reindex_original


def translations_export(user) -> ExportPart:
    translations = [
        {
            "kind": row.kind,
            "object_id": row.object_id,
            "language": row.language,
            "fields": row.fields,
            "status": row.status,
            "created_at": iso(row.created_at),
            "updated_at": iso(row.updated_at),
        }
        for row in Translation.objects.filter(translator=user).order_by("pk")
    ]
    requests = [
        {"kind": kind, "object_id": object_id, "language": language, "created_at": iso(at)}
        for kind, object_id, language, at in TranslationRequest.objects.filter(requester=user)
        .order_by("pk")
        .values_list("kind", "object_id", "language", "created_at")
    ]
    # The translated files themselves are resources, exported with the member's library.
    separate = [
        {"kind": kind, "object_id": object_id, "copy_id": copy_id, "language": language, "created_at": iso(at)}
        for kind, object_id, copy_id, language, at in SeparateTranslation.objects.filter(translator=user)
        .order_by("pk")
        .values_list("kind", "object_id", "copy_id", "language", "created_at")
    ]
    return ExportPart({"translations": translations, "requests": requests, "translated_files": separate})


def translations_erase_for(*, user, erase: bool) -> dict:
    """Requests go with the account. Translations stay for readers under no name; with
    ``erase`` they are removed, since their text is the member's own words."""
    requests, _detail = TranslationRequest.objects.filter(requester=user).delete()
    mine = Translation.objects.filter(translator=user)
    if erase:
        originals = list(mine.values_list("kind", "object_id").distinct())
        count, _detail = mine.delete()
        for key, object_id in originals:
            kind = registry.kind_for(key)
            obj = kind.get(object_id) if kind else None
            if obj is not None:
                reindex_original(kind, obj)
    else:
        count = mine.update(translator=None, translator_name="")
    # Translated files are resources, erased or kept under no name by the library; the record
    # of who translated them loses the name either way.
    SeparateTranslation.objects.filter(translator=user).update(translator=None, translator_name="")
    return {"translations": count, "translation_requests": requests}


def register_rights() -> None:
    register_erasure("translations", translations_erase_for, order=40)
    register_export("translations", translations_export, order=40)
