from tests.authz import Route, members_only, public

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
    Route("light_mode", "/light-mode/", public(), method="post", data={"light": "on", "next": "/"}),
]
