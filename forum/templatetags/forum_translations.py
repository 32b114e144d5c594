from django import template
from django.db.models import OuterRef, Subquery

from core import content_language
from translations.models import Translation

from ..models import Post
from ..translatable import KIND

register = template.Library()


@register.simple_tag
def thread_translation_languages(threads) -> dict[int, list[tuple[str, str]]]:
    """The languages each listed thread's opening post is translated into, by thread id: one
    query for the whole list (none when it is empty)."""
    ids = [thread.pk for thread in threads]
    if not ids:
        return {}
    openings = Post.objects.filter(thread_id__in=ids, position=1)
    rows = (
        Translation.objects.filter(kind=KIND, object_id__in=openings.values("pk"), is_hidden=False)
        .annotate(thread_id=Subquery(Post.objects.filter(pk=OuterRef("object_id")).values("thread_id")[:1]))
        .order_by("language")
        .values_list("thread_id", "language")
    )
    found: dict[int, list[tuple[str, str]]] = {}
    for thread_id, language in rows:
        found.setdefault(thread_id, []).append((language, content_language.label(language)))
    return found
