""" "Since my last visit": the moment the member's previous visit began.

The first page of a session that asks for it records the start of this visit on the account
and keeps the previous start in the session, so the answer stays the same for the whole
visit (reloading the home page does not make what is new disappear) and a new session moves
it forward."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.dateparse import parse_datetime

SESSION_KEY = "visit_since"
# A first visit (or one long ago) counts back this far at most, so "new" stays a short list.
LONGEST_GAP = datetime.timedelta(days=30)


def visit_since(request) -> datetime.datetime:
    now = timezone.now()
    stored = request.session.get(SESSION_KEY)
    since = parse_datetime(stored) if isinstance(stored, str) else None
    if since is None:
        user = request.user
        since = user.last_visit_at or now - LONGEST_GAP
        # An update, not save(): one query, and the profile's updated_at stays the member's own.
        get_user_model().objects.filter(pk=user.pk).update(last_visit_at=now)
        user.last_visit_at = now
        request.session[SESSION_KEY] = since.isoformat()
    return max(since, now - LONGEST_GAP)
