from django_tasks import task

from .thumbnails import thumbnail_generate


@task()
def thumbnail_make(version_id: int) -> bool:
    """Render a file's preview in the background (at once in the embedded default)."""
    return thumbnail_generate(version_id)
