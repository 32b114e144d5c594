"""What account deletion does to the resources a member uploaded (called by accounts.deletion).

Published (and archived, once published) resources stay in the library, credited to a former
member; drafts and submissions that never reached the library are deleted with their files.
"""

from django.db import transaction

from search import services as search

from . import previews
from .models import FileVersion, PartialUpload, Resource, State

KEPT_STATES = (State.PUBLISHED, State.ARCHIVED)


def _delete_stored(names: list[tuple[str, ...]]) -> None:
    from django.core.files.storage import default_storage

    for name in (n for pair in names for n in pair if n):
        try:
            default_storage.delete(name)
        except OSError:  # already gone; nothing else to do
            pass


def resources_erase_for(*, user, former_name: str) -> dict:
    PartialUpload.objects.filter(owner=user).delete()
    kept = Resource.objects.filter(uploader=user, state__in=KEPT_STATES)
    kept_ids = list(kept.values_list("pk", flat=True))
    kept.update(uploader=None, uploader_name=former_name)

    dropped = Resource.objects.filter(uploader=user).exclude(state__in=KEPT_STATES)
    dropped_ids = list(dropped.values_list("pk", flat=True))
    stored = list(
        FileVersion.objects.filter(file__resource_id__in=dropped_ids).values_list("content", "thumbnail", "rendering")
    )
    version_ids = list(FileVersion.objects.filter(file__resource_id__in=dropped_ids).values_list("pk", flat=True))
    dropped.delete()
    for pk in dropped_ids:
        search.document_remove(kind=search.Kind.RESOURCE, object_id=pk)
    # Files leave the storage only once the rows are gone for good.
    transaction.on_commit(lambda: _delete_stored(stored))
    transaction.on_commit(lambda: previews.pages_delete(version_ids))
    for resource in Resource.objects.filter(pk__in=kept_ids):
        search.index_resource(resource)
    return {"resources_kept": len(kept_ids), "resources_deleted": len(dropped_ids)}
