"""@mentions in member-written text, shared by the forum and chat.

Display names may contain spaces, so a mention is either ``@[Display Name]`` (what the
autocomplete inserts) or ``@Name`` for a one-word name. Only active members can be mentioned.
"""

import re

from accounts.models import User

MENTION_RE = re.compile(r"(?<![\w@])@(?:\[([^\]\n]{1,80})\]|([\w.\-]{1,80}))", re.UNICODE)
MAX_MENTIONS = 20


def mentioned_names(text: str) -> list[str]:
    names = []
    for bracketed, bare in MENTION_RE.findall(text or ""):
        name = (bracketed or bare).strip()
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names[:MAX_MENTIONS]


def resolve_mentions(text: str) -> tuple[list[User], list[str]]:
    """Return (members mentioned, names that match no active member), in one query."""
    names = mentioned_names(text)
    if not names:
        return [], []
    by_name = {}
    candidates = User.objects.active_members().filter(display_name__in=names)
    for user in candidates.only("id", "display_name"):
        by_name.setdefault(user.display_name.casefold(), user)
    found, unknown = [], []
    for name in names:
        user = by_name.get(name.casefold())
        if user:
            found.append(user)
        else:
            unknown.append(name)
    return found, unknown
