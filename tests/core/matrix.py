from core import js_catalog
from tests.authz import NOT_FOUND, PERSONAS, Route, members_only, public

ROUTES = [
    Route("dashboard", "/", members_only()),
    Route("healthz", "/healthz", public()),
    Route("safety", "/safety/", public()),
    Route("offline", "/offline/", public()),
    Route("manifest", "/manifest.webmanifest", public()),
    Route("service_worker", "/sw.js", public()),
    Route("set_language", "/i18n/setlang/", public(), method="post", data={"language": "ru", "next": "/"}),
    # The quick exit answers everyone, even without a session, with the neutral site.
    Route("quick_exit", "/exit/", public(), method="post"),
    # The translation catalogue holds the interface's strings only: everyone may load it.
    Route("js_catalog", lambda c: js_catalog.catalog_url("ru"), public()),
    Route("js_catalog", "/jsi18n/ru/0000000000000000.js", public(), id="get:js_catalog (old hash)"),
    Route(
        "js_catalog",
        "/jsi18n/xx/0000000000000000.js",
        public(**dict.fromkeys(PERSONAS, NOT_FOUND)),
        id="get:js_catalog (unknown language)",
    ),
    Route("light_mode", "/light-mode/", public(), method="post", data={"light": "on", "next": "/"}),
]
