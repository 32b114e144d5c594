from django.shortcuts import render

from . import selectors
from .models import Document


def search(request):
    query = request.GET.get("q", "")
    kind = request.GET.get("kind", "")
    results = selectors.search(request.user, query, kind=kind, cursor=request.GET.get("after"))
    too_long = len(query.strip()) > selectors.MAX_QUERY_LENGTH
    return render(
        request,
        "search/results.html",
        {"results": results, "kind": kind, "kinds": Document.Kind.choices, "too_long": too_long},
    )
