from tests.authz import Route, members_only

ROUTES = [Route("chat:index", "/chat/", members_only())]
