from tests.authz import Route, members_only

ROUTES = [Route("search:search", "/search/?q=violence", members_only())]
