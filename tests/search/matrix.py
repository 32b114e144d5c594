from tests.authz import Route, members_only

ROUTES = [
    Route("search:search", "/search/?q=violence", members_only()),
    Route("search:search", "/search/", members_only(), method="post", data={"q": "violence"}, id="post:search"),
    # An unknown or expired token shows the empty search form.
    Route("search:results", "/search/r/unknown-token/", members_only()),
]
