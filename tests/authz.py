"""The authorisation matrix: every URL of the project against every kind of visitor.

Each app's tests declare their routes in ``tests/<app>/matrix.py`` as a list ``ROUTES`` of
``Route``; ``tests/test_authorization_matrix.py`` runs them all, and fails when a URL of the
project has no route here. A route says, for each persona, which outcome is expected:

- ``OK``: the page (or action) works: status 200, or a redirect that is not to login/status.
- ``LOGIN``: redirected to the login page (anonymous visitors).
- ``STATUS``: redirected to the membership status page (pending, suspended, rejected).
- ``FORBIDDEN``: 403. ``NOT_FOUND``: 404 (the visitor may not know the object exists).
- ``MFA``: redirected to two-factor setup, or to entering the code (staff whose session has
  not completed the second factor).

Besides the roles, two staff visitors: ``staff_no_2fa``, an admin (with an authenticator)
whose session used the password alone, who has exactly a member's powers everywhere and is
sent to the second factor on moderation pages; and ``scoped_moderator``, a moderator of
Kyrgyzstan only (the routes' content belongs to Kazakhstan unless a route says otherwise),
who acts only inside that scope.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

OK, LOGIN, STATUS, FORBIDDEN, NOT_FOUND, MFA = "ok", "login", "status", "forbidden", "not_found", "mfa"
ROLES = ["member", "expert", "moderator", "admin"]
STAFF_PERSONAS = ["staff_no_2fa", "scoped_moderator"]
PERSONAS = ["anonymous", "pending", "suspended", "rejected", *ROLES, *STAFF_PERSONAS]


def members_only(min_role: str = "member", denied: str = FORBIDDEN, **overrides) -> dict[str, str]:
    """Expected outcomes for a page that active members from ``min_role`` up may use."""
    outcomes = {"anonymous": LOGIN, "pending": STATUS, "suspended": STATUS, "rejected": STATUS}
    for rank, role in enumerate(ROLES):
        outcomes[role] = OK if rank >= ROLES.index(min_role) else denied
    outcomes.update(overrides)
    return with_staff_personas(outcomes)


def with_staff_personas(outcomes: dict[str, str]) -> dict[str, str]:
    """Staff without the second factor are members; a scoped moderator is a moderator unless
    the route says otherwise (content outside Kyrgyzstan)."""
    outcomes.setdefault("staff_no_2fa", outcomes["member"])
    outcomes.setdefault("scoped_moderator", outcomes["moderator"])
    return outcomes


def second_factor_first(outcomes: dict[str, str]) -> dict[str, str]:
    """A moderator page (accounts.decorators.moderator_required): staff without the second factor
    in the session are sent to it."""
    return {**outcomes, "staff_no_2fa": MFA}


def outside_scope(outcomes: dict[str, str], outcome: str = FORBIDDEN) -> dict[str, str]:
    """Content the Kyrgyzstan moderator does not look after."""
    return {**outcomes, "scoped_moderator": outcome}


def public(**overrides) -> dict[str, str]:
    return dict.fromkeys(PERSONAS, OK) | overrides


@dataclass
class Route:
    """``url_name`` is the Django URL name the route covers; ``path`` builds the concrete
    path from the objects that ``setup`` made (``setup(users) -> dict``), where ``users`` maps
    persona names to users (None for anonymous) and includes ``"owner"``, another member."""

    url_name: str
    path: Callable[[dict], str] | str
    expect: dict[str, str]
    method: str = "get"
    data: Callable[[dict], dict] | dict = field(default_factory=dict)
    setup: Callable[[dict], dict] | None = None
    id: str = ""

    def label(self) -> str:
        return self.id or f"{self.method}:{self.url_name}"
