from tests.authz import Route, members_only

ROUTES = [Route("forum:index", "/forum/", members_only())]
