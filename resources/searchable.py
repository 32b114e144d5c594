"""Resources in search (registered in ``ResourcesConfig.ready``)."""

from django.db.models import Q

from search import services as search
from search.models import Document
from search.registry import SearchSource, register

from .models import Resource


def _visible_q(user) -> Q:
    # Every published resource is open to every member; unpublished ones are not public
    # documents. A translated file follows its original (``Resource.objects.visible_to``).
    hidden = Resource.objects.translations_out_of_sight(user)
    return Q(kind=Document.Kind.RESOURCE) & ~Q(object_id__in=hidden)


def _reindex() -> int:
    count = 0
    for resource in Resource.objects.iterator(chunk_size=200):
        search.index_resource(resource)
        count += 1
    return count


def register_search() -> None:
    register(SearchSource(key="resources", visible_q=_visible_q, reindex=_reindex, order=20))
