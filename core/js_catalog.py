"""The JavaScript translation catalogue under an address that carries its language and a hash of
its content (``/jsi18n/ru/<hash>.js``), so the browser keeps it for a year instead of fetching
it again on every page: it holds the interface's strings, nothing of any member.

The catalogue only changes with a deployment (new .mo files), so each worker process builds
it once per language and keeps the bytes and their hash. A page rendered before a deployment
may still ask for the old hash: that address redirects to the current one (uncached)."""

import hashlib
import threading

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.views.i18n import JavaScriptCatalog

from core.middleware import allow_caching

YEAR = 365 * 24 * 60 * 60
CONTENT_TYPE = "text/javascript; charset=utf-8"

_built: dict[str, tuple[bytes, str]] = {}
_lock = threading.Lock()


def _language(code: str) -> str | None:
    codes = {code for code, _name in settings.LANGUAGES}
    return code if code in codes else None


def _build(language: str) -> tuple[bytes, str]:
    with _lock:
        if language not in _built:
            request = HttpRequest()
            request.method = "GET"
            with translation.override(language):
                response = JavaScriptCatalog.as_view()(request)
            content = bytes(response.content)  # type: ignore[attr-defined]  # a rendered HttpResponse
            _built[language] = (content, hashlib.sha256(content).hexdigest()[:16])
    return _built[language]


def catalog_url(language: str | None = None) -> str:
    """The address of the catalogue of ``language`` (the active one by default)."""
    language = _language(language or translation.get_language() or "") or settings.LANGUAGE_CODE
    _content, digest = _build(language)
    return reverse("js_catalog", args=[language, digest])


@login_not_required
def catalog(request, language: str, digest: str):
    known = _language(language)
    if known is None:
        raise Http404
    content, current = _build(known)
    if digest != current:
        return redirect(reverse("js_catalog", args=[known, current]))
    return allow_caching(HttpResponse(content, content_type=CONTENT_TYPE), max_age=YEAR)
