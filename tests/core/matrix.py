from tests.authz import Route, members_only, public

ROUTES = [
    Route("dashboard", "/", members_only()),
    Route("healthz", "/healthz", public()),
    Route("safety", "/safety/", public()),
    Route("offline", "/offline/", public()),
    Route("manifest", "/manifest.webmanifest", public()),
    Route("service_worker", "/sw.js", public()),
]
