"""Alliance Hub on a phone's home screen: the web app manifest, the service worker and the
offline page it shows when the hub cannot be reached.

The service worker keeps the offline page and the static files that page needs, and nothing
else: pages, member content, API answers, media and downloads always go to the network and are
never stored on the device."""

import hashlib
import json
from functools import cache

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import get_template, render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language, get_language_bidi
from django.views.decorators.http import require_GET

# From static/css/app.css: --brand (the quick-exit bar at the top of every page) and --wash
# (the page background). templates/base.html and templates/core/offline.html repeat THEME_COLOR.
THEME_COLOR = "#5b2a86"
BACKGROUND_COLOR = "#f4f6f9"

# Static files the offline page needs, kept by the service worker beside the page itself.
OFFLINE_STATIC_FILES = ("css/app.css", "js/quick-exit.js")

# Bump to make every installed service worker replace itself and delete its old cache.
SERVICE_WORKER_REVISION = "1"


@login_not_required
@require_GET
def manifest(request):
    """The web app manifest. Browsers fetch it without cookies: it holds nothing personal."""
    name = settings.SITE_NAME
    data = {
        "id": "/",
        "name": name,
        "short_name": getattr(settings, "SITE_SHORT_NAME", name),
        "lang": get_language(),
        "dir": "rtl" if get_language_bidi() else "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": [
            {"src": static("pwa/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
            {"src": static("pwa/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
            {
                "src": static("pwa/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json")


@cache
def _precache() -> tuple[str, list[str], str]:
    """The offline URL, the static URLs it needs and a version that changes whenever one of
    them (or the offline template, or the worker's own source) changes. The hashed static
    names of production change with the files, so a new deployment installs a new worker."""
    offline_url = reverse("offline")
    static_urls = [static(path) for path in OFFLINE_STATIC_FILES]
    digest = hashlib.sha256()
    for part in (
        SERVICE_WORKER_REVISION,
        offline_url,
        *static_urls,
        get_template("core/offline.html").template.source,
        get_template("core/sw.js").template.source,
    ):
        digest.update(part.encode())
    return offline_url, static_urls, digest.hexdigest()[:16]


@login_not_required
@require_GET
def service_worker(request):
    offline_url, static_urls, version = _precache()
    source = render_to_string(
        "core/sw.js",
        {
            "cache_name": json.dumps(f"hub-offline-{version}"),
            "offline_url": json.dumps(offline_url),
            "static_urls": json.dumps(static_urls),
        },
    )
    response = HttpResponse(source, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    # Always checked for a new version; NoStoreMiddleware adds no-store as on every response.
    response["Cache-Control"] = "no-cache"
    return response


@login_not_required
@require_GET
def offline(request):
    """What the service worker shows when a page cannot be loaded. It is stored on the device,
    so it must never show anything about the person or the hub's content."""
    return render(request, "core/offline.html", {"theme_color": THEME_COLOR})
