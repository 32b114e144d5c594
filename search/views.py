from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language

from core import discreet, fragments

from . import selectors
from .models import Document
from .query_tokens import query_token_create, query_token_get


def _results_address(request, query: str, kind: str) -> str:
    """In discreet mode the term goes into the session and the address carries a token."""
    extra = {"kind": kind} if kind in Document.Kind.values else {}
    if discreet.is_on(request):
        token = query_token_create(session=request.session, query=query)
        address = reverse("search:results", args=[token])
    else:
        address = reverse("search:search")
        extra = {"q": query, **extra}
    return f"{address}?{urlencode(extra)}" if extra else address


def search(request):
    if request.method == "POST":
        # The search boxes post, so the term never enters the address or the history.
        query = request.POST.get("q", "")[: selectors.MAX_QUERY_LENGTH * 2]
        return redirect(_results_address(request, query, request.POST.get("kind", "")))
    query = request.GET.get("q", "")
    if query and discreet.is_on(request):
        # Bookmarks and browsers without JavaScript still search by address; the term
        # leaves it at once.
        return redirect(_results_address(request, query[: selectors.MAX_QUERY_LENGTH * 2], request.GET.get("kind", "")))
    return _render(request, query)


def results(request, token):
    query = query_token_get(session=request.session, token=token)
    if query is None:
        return _render(request, "", expired=True)
    return _render(request, query, token=token)


def _render(request, query: str, *, expired: bool = False, token: str = ""):
    kind = request.GET.get("kind", "")
    results = selectors.search(
        request.user, query, kind=kind, cursor=request.GET.get("after"), language=get_language() or ""
    )
    too_long = len(query.strip()) > selectors.MAX_QUERY_LENGTH
    return render(
        request,
        "search/results.html",
        {
            "results": results,
            "rows": _rows(results.results),
            "kind": kind,
            "kinds": Document.Kind.choices,
            "too_long": too_long,
            "expired": expired,
            "token": token,
        },
    )


def _rows(results) -> list:
    """Each result's HTML, shared between members who get the same result (core.fragments);
    the key holds everything a row shows."""

    def key(result):
        document, translation = result.document, result.translation
        return (
            document.pk,
            document.kind,
            document.url,
            document.created_at.isoformat(),
            document.content_warning,
            result.title,
            str(result.snippet),
            translation and (translation.title, bool(translation.body), translation.language, translation.dir),
        )

    return fragments.rows_rendered("search/_result.html", results, name="result", key=key)
