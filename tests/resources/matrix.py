from tests.authz import Route, members_only

ROUTES = [Route("resources:list", "/resources/", members_only())]
