"""Short-lived addresses for search results, so that a search term never sits in an address
the browser keeps (history, address-bar suggestions). The term stays in the member's own
session, under a random token, until it expires."""

import secrets
import time

from django.conf import settings

SESSION_KEY = "search_queries"
# Long enough to page through results and come back from one; short enough not to linger.
LIFETIME_SECONDS = getattr(settings, "SEARCH_TOKEN_SECONDS", 30 * 60)
KEPT = 10


def query_token_create(*, session, query: str) -> str:
    """Keep ``query`` in ``session`` under a new random token; forget expired and old ones."""
    now = time.time()
    kept = {
        token: entry
        for token, entry in (session.get(SESSION_KEY) or {}).items()
        if isinstance(entry, list) and len(entry) == 2 and entry[1] > now
    }
    token = secrets.token_urlsafe(12)
    kept[token] = [query, now + LIFETIME_SECONDS]
    newest = sorted(kept.items(), key=lambda item: item[1][1])[-KEPT:]
    session[SESSION_KEY] = dict(newest)
    return token


def query_token_get(*, session, token: str) -> str | None:
    """The query kept under ``token`` in this session, or None if unknown or expired."""
    entry = (session.get(SESSION_KEY) or {}).get(token)
    if not isinstance(entry, list) or len(entry) != 2 or entry[1] <= time.time():
        return None
    return entry[0]
