"""The session a WebSocket was opened with, as the chat and the bell check it: a socket ends
with its session, however the session ends (deleted, expired, another login, a stale hash
after a password change or "end sessions", or past the idle limit)."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from core.middleware import IdleTimeoutMiddleware


def session_store(scope):
    session = scope.get("session")
    key = getattr(session, "session_key", None)
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=key) if key else None


class SessionState:
    """What the connection's session says when checked: when it expires and the last activity
    an HTTP request or a chat action recorded in it."""

    def __init__(self, expires_at: float, last_activity: int | None):
        self.expires_at = expires_at
        self.last_activity = last_activity

    def ends_at(self) -> float:
        """When the session stops authenticating: its expiry, or the idle limit if sooner."""
        idle_limit = getattr(settings, "SESSION_IDLE_TIMEOUT", 0)
        if idle_limit and self.last_activity is not None:
            return min(self.expires_at, self.last_activity + idle_limit)
        return self.expires_at


def session_state(scope, user_id: int, *, user=None) -> SessionState | None:
    """The session's state, or None when it no longer authenticates this member. ``user``, when
    the caller has just loaded the member, spares the query for the hash check. Two queries at
    most; run at connect and on rare events, never per frame."""
    store = session_store(scope)
    if store is None:
        return None
    if hasattr(store, "get_model_class"):  # database-backed engines hold the true expiry
        expires = (
            store.get_model_class()
            .objects.filter(session_key=store.session_key, expire_date__gt=timezone.now())
            .values_list("expire_date", flat=True)
            .first()
        )
        if expires is None:
            return None
    else:  # a deleted session loads empty and fails the member check below
        expires = store.get_expiry_date()
    if store.get(SESSION_KEY) != str(user_id):
        return None
    if user is None:
        user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not constant_time_compare(store.get(HASH_SESSION_KEY, ""), user.get_session_auth_hash()):
        return None
    last = store.get(IdleTimeoutMiddleware.KEY)
    return SessionState(expires.timestamp(), last if isinstance(last, int) else None)
