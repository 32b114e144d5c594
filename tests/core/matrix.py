from tests.authz import Route, members_only, public

ROUTES = [
    Route("dashboard", "/", members_only()),
    Route("healthz", "/healthz", public()),
    Route("safety", "/safety/", public()),
    Route("offline", "/offline/", public()),
    Route("manifest", "/manifest.webmanifest", public()),
    Route("service_worker", "/sw.js", public()),
    Route("set_language", "/i18n/setlang/", public(), method="post", data={"language": "ru", "next": "/"}),
    Route("light_mode", "/light-mode/", public(), method="post", data={"light": "on", "next": "/"}),
]
