from django_tasks import task

from .extract import extract_text


@task()
def resource_text_extract(resource_id: int) -> int:
    """Index the text of the newest version of each of a resource's files."""
    from resources.models import FileVersion, Resource

    from .services import index_resource

    resource = Resource.objects.filter(pk=resource_id).first()
    if resource is None:
        return 0
    parts = []
    newest_per_file = {}
    for version in FileVersion.objects.filter(file__resource=resource).order_by("file_id", "-number"):
        newest_per_file.setdefault(version.file_id, version)
    for version in newest_per_file.values():
        with version.content.open("rb") as handle:
            parts.append(extract_text(handle.read(), version.kind))
    files_text = "\n\n".join(p for p in parts if p)
    index_resource(resource, files_text=files_text)
    return len(files_text)
