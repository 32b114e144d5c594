"""Session ends, whoever causes them, reach the member's open WebSocket connections.

Every way a single session ends deletes its row through the session store (logout and the
idle timeout flush it, allauth's "sign out other sessions" and moderators' "end sessions" call
``UserSession.end``, login cycles the key, ``clearsessions`` removes expired ones), so one
``post_delete`` receiver covers them all, on whichever worker process the deletion happens.
A password change keeps the other sessions' rows but invalidates them; it ends them
explicitly."""

from . import services


def session_deleted(sender, instance, **kwargs) -> None:
    from core.realtime import session_ended_on_commit

    session_ended_on_commit(instance.session_key)


def password_changed(sender, request, user, **kwargs) -> None:
    session = getattr(request, "session", None)
    services.member_sessions_end_others(member=user, keep_session_key=getattr(session, "session_key", None))
