from django_tasks import task

from search.extract import extract_text
from search.services import index_resource

from .models import FileVersion, Resource
from .renderings import rendering_generate
from .thumbnails import thumbnail_generate


@task()
def thumbnail_make(version_id: int) -> bool:
    """Render a file's preview in the background (at once in the embedded default): first an
    office file's PDF rendering, when LibreOffice is installed, then the preview picture."""
    rendering_generate(version_id)
    return thumbnail_generate(version_id)


@task()
def resource_text_extract(resource_id: int) -> int:
    """Index the text of the newest version of each of a resource's files."""
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
