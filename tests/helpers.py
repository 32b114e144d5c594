import re
import socket
import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail


def free_port() -> int:
    """A local TCP port nothing listens on, for a server a test starts."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def totp_now(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def _record_authentication(session, user_id, record: dict) -> None:
    # As allauth's record_authentication: records of another user are dropped, others kept.
    records = []
    if session.get("account_authentication_methods_user") == str(user_id):
        records = list(session.get("account_authentication_methods") or [])
    session["account_authentication_methods_user"] = str(user_id)
    session["account_authentication_methods"] = [*records, {**record, "at": time.time()}]


def mark_reauthenticated(session, user_id) -> None:
    """What allauth records in the session after /accounts/reauthenticate/, for views that ask
    for the password again before sensitive actions."""
    _record_authentication(session, user_id, {"method": "password", "reauthenticated": True})


def with_second_factor(user, client=None):
    """The one way tests give staff their powers: ``user`` (the object services receive) and,
    with ``client``, a logged-in session, as after a login that used the two-factor code
    (what allauth records in the session, read by accounts.permissions.has_staff_powers)."""
    from accounts import permissions

    setattr(user, permissions.SECOND_FACTOR_MARK, True)
    if client is not None:
        client.force_login(user)
        session = client.session
        mark_second_factor(session, user.pk)
        session.save()
        return client
    return user


def mark_second_factor(session, user_id) -> None:
    """What allauth records in the session when the two-factor code is used (the caller saves)."""
    _record_authentication(session, user_id, {"method": "mfa", "type": "totp"})


def reauthenticated(client, user=None):
    """Log ``user`` in if given (staff with the second factor), and mark the client's session
    as just reauthenticated."""
    if user is not None:
        if getattr(user, "_second_factor_in_session", False):
            with_second_factor(user, client)
        else:
            client.force_login(user)
    session = client.session
    mark_reauthenticated(session, session["_auth_user_id"])
    session.save()
    return client


def last_email_link(to: str, contains: str = "") -> str:
    for message in reversed(mail.outbox):
        if to in message.to:
            for link in re.findall(r"https?://\S+", message.body):
                if contains in link:
                    return link
    raise AssertionError(f"no email with a link to {to}")


# Tests that need committed data (live server, WebSocket consumers) use this mark. The flush
# after each such test empties every table; tests/conftest.py puts the data migrations' seed
# back right after it (see SEED_MIGRATIONS there).
LIVE_DB = pytest.mark.django_db(transaction=True)
