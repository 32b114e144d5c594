"""Threads and posts in search (registered in ``ForumConfig.ready``)."""

from django.db.models import Q

from search import services as search
from search.models import Document
from search.registry import SearchSource, register

from .models import Category, Thread


def _visible_q(user) -> Q:
    return Q(
        kind__in=[Document.Kind.THREAD, Document.Kind.POST],
        category_id__in=Category.objects.visible_to(user).values("pk"),
    )


def _reindex() -> int:
    count = 0
    for thread in Thread.objects.select_related("category").prefetch_related("posts").iterator(chunk_size=200):
        search.index_thread(thread)
        count += 1
    return count


def register_search() -> None:
    register(SearchSource(key="threads", visible_q=_visible_q, reindex=_reindex, order=10))
