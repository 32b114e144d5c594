import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests

from .authz import FORBIDDEN, LOGIN, MFA, NOT_FOUND, OK, PERSONAS, STATUS, Route
from .conftest import make_persona
from .factories import UserFactory
from .helpers import with_second_factor

# URL namespaces owned by libraries, tested by them (allauth, Django admin, i18n views).
LIBRARY_NAMESPACES = {"admin"}
LIBRARY_PREFIXES = ("account_", "mfa_", "usersessions_", "javascript-catalog")


def all_routes() -> list[Route]:
    routes = []
    for module in pkgutil.iter_modules(tests.__path__):
        if not module.ispkg:
            continue
        try:
            matrix = importlib.import_module(f"tests.{module.name}.matrix")
        except ModuleNotFoundError:
            continue
        routes.extend(matrix.ROUTES)
    return routes


ROUTES = all_routes()


def project_url_names() -> set[str]:
    names = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace in LIBRARY_NAMESPACES:
                    continue
                ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, ns)
            elif isinstance(pattern, URLPattern) and pattern.name and not pattern.name.startswith(LIBRARY_PREFIXES):
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns)
    return names


def test_every_project_url_is_in_the_authorisation_matrix():
    covered = {route.url_name for route in ROUTES}
    missing = sorted(project_url_names() - covered)
    assert not missing, f"URLs without an authorisation matrix entry: {missing}"


def test_every_route_checks_the_staff_without_second_factor_and_the_scoped_moderator():
    missing = [route.label() for route in ROUTES if not {"staff_no_2fa", "scoped_moderator"} <= set(route.expect)]
    assert not missing, f"Routes without the staff personas: {missing}"


def _outcome(response) -> str:
    if response.status_code == 403:
        return FORBIDDEN
    if response.status_code == 404:
        return NOT_FOUND
    if response.status_code in (301, 302, 303):
        location = response["Location"]
        if location.startswith(reverse("account_login")):
            return LOGIN
        if location.startswith(reverse("accounts:status")):
            return STATUS
        if location.startswith((reverse("mfa_activate_totp"), reverse("mfa_reauthenticate"))):
            return MFA
        return OK
    if response.status_code in (200, 201, 204, 206):
        return OK
    return f"http {response.status_code}"


CASES = [(route, persona) for route in ROUTES for persona in PERSONAS if persona in route.expect]


@pytest.mark.django_db
@pytest.mark.parametrize("route,persona", CASES, ids=[f"{r.label()}-{p}" for r, p in CASES])
def test_authorisation_matrix(client, route, persona):
    users = {name: make_persona(name) for name in PERSONAS}
    users["owner"] = UserFactory()
    context = {"users": users, **(route.setup(users) if route.setup else {})}
    visitor = users[persona]
    if visitor is not None and getattr(visitor, "_second_factor_in_session", False):
        with_second_factor(visitor, client)
    elif visitor is not None:
        client.force_login(visitor)
    path = route.path(context) if callable(route.path) else route.path
    data = route.data(context) if callable(route.data) else route.data
    response = getattr(client, route.method)(path, data)
    assert _outcome(response) == route.expect[persona], f"{persona} {route.method.upper()} {path}"
