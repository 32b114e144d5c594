"""The library's part in members' rights: erasure and export (registered in
``ResourcesConfig.ready``). The export lists every file the member uploaded; the archive
includes them while their total stays small enough."""

from accounts.rights import ExportPart, iso, register_erasure, register_export

from .erasure import resources_erase_for
from .models import FileVersion, Resource


def resources_export(user) -> ExportPart:
    resources = []
    files = []
    versions = FileVersion.objects.filter(file__resource__uploader=user).select_related("file").order_by("pk")
    by_resource: dict[int, list] = {}
    for version in versions:
        entry = {
            "file": version.file.label,
            "version": version.number,
            "name": version.original_name,
            "content_type": version.content_type,
            "size": version.size,
            "sha256": version.sha256,
            "metadata_stripped": version.metadata_stripped,
            "uploaded_at": iso(version.created_at),
            "in_archive": None,
        }
        by_resource.setdefault(version.file.resource_id, []).append(entry)
        files.append((entry, version))
    for resource in Resource.objects.filter(uploader=user).order_by("pk"):
        resources.append(
            {
                "id": resource.pk,
                "title": resource.title,
                "summary": resource.summary,
                "description": resource.description,
                "state": resource.state,
                "year": resource.year,
                "publisher": resource.publisher,
                "licence": resource.licence,
                "content_warning": resource.content_warning,
                "external_url": resource.external_url,
                "created_at": iso(resource.created_at),
                "published_at": iso(resource.published_at),
                "files": by_resource.get(resource.pk, []),
            }
        )
    return ExportPart(resources, files)


def register_rights() -> None:
    register_erasure("resources", lambda *, user, erase: resources_erase_for(user=user, former_name=""), order=30)
    register_export("resources", resources_export, order=30)
