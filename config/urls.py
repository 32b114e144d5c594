import os

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from accounts.language import language_switch
from core import js_catalog, light_mode, pwa
from core import views as core_views

urlpatterns = [
    path("", core_views.dashboard, name="dashboard"),
    path("healthz", core_views.healthz, name="healthz"),
    path("safety/", core_views.safety, name="safety"),
    path("exit/", core_views.quick_exit, name="quick_exit"),
    path("offline/", pwa.offline, name="offline"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("i18n/setlang/", language_switch, name="set_language"),
    path("light-mode/", light_mode.toggle, name="light_mode"),
    path("jsi18n/", login_not_required(JavaScriptCatalog.as_view()), name="javascript-catalog"),
    path("jsi18n/<str:language>/<str:digest>.js", js_catalog.catalog, name="js_catalog"),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("members/", include("accounts.member_urls")),
    path("forum/", include("forum.urls")),
    path("resources/", include("resources.urls")),
    path("chat/", include("chat.urls")),
    path("moderation/", include("moderation.urls")),
    path("notifications/", include("notifications.urls")),
    path("search/", include("search.urls")),
    path("translations/", include("translations.urls")),
    path("admin/", admin.site.urls),
]

if os.environ.get("BENCH_REFERENCE") == "1":
    # The benchmark's plain-view reference (bench/http_bench.py); never routed in production.
    from core import bench_views

    urlpatterns.append(path("bench/reference/", bench_views.reference, name="bench_reference"))
