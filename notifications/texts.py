"""What a notification says: one sentence per kind (and outcome) that tells what happened,
and its excerpt as plain text.

Excerpts are stored as the member wrote them (Markdown with ``@[Name](member:ID)``
mentions); they are shown as plain rendered text with each mentioned person's current
name, and not at all behind a content warning. ``prepare`` does this for a whole page with
one query for the names."""

import html
import re

import nh3
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from core import content_language
from core.markdown import render_markdown
from core.mentions import mentions_scan
from core.names import member_name
from core.text import without_direction_controls

from .models import Kind, Notification

EXCERPT_LENGTH = 200
_OPEN, _CLOSE = "\ue000", "\ue001"
_PLACEHOLDER = re.compile(f"{_OPEN}(\\d{{1,12}}){_CLOSE}")
_SPACE = re.compile(r"\s+")


def _with_placeholders(text: str) -> tuple[str, set[int]]:
    """Mentions replaced by a private-use placeholder carrying the member id, so Markdown
    rendering cannot break them apart and the current name goes in afterwards."""
    text = (text or "").replace(_OPEN, "").replace(_CLOSE, "")
    parts, ids, last = [], set(), 0
    for mention in mentions_scan(text):
        if mention.member_id is None:
            continue
        parts.append(text[last : mention.start])
        parts.append(f"{_OPEN}{mention.member_id}{_CLOSE}")
        ids.add(mention.member_id)
        last = mention.end
    parts.append(text[last:])
    return "".join(parts), ids


def plain_excerpt(text: str, names: dict[int, str]) -> str:
    """``text`` (Markdown) as one line of plain text: no markup, mentions as "@Name"."""
    marked, _ids = _with_placeholders(text)
    rendered = html.unescape(nh3.clean(str(render_markdown(marked)), tags=set()))
    # Tags a member typed as text (shown escaped by the renderer) go too: they read as noise.
    plain = _SPACE.sub(" ", html.unescape(nh3.clean(rendered, tags=set()))).strip()
    plain = _PLACEHOLDER.sub(lambda match: "@" + member_name(names.get(int(match.group(1)), "")), plain)
    plain = plain.replace(_OPEN, "").replace(_CLOSE, "")
    return plain if len(plain) <= EXCERPT_LENGTH else plain[: EXCERPT_LENGTH - 1].rstrip() + "…"


def prepare(notifications: list[Notification]) -> list[Notification]:
    """Set ``text`` and ``shown_excerpt`` on each notification, with one query for the
    names of everyone mentioned in the excerpts (none when nobody is)."""
    ids: set[int] = set()
    for notification in notifications:
        if notification.excerpt and not notification.content_warning:
            ids |= _with_placeholders(notification.excerpt)[1]
    names = dict(User.objects.filter(pk__in=ids).values_list("pk", "display_name")) if ids else {}
    for notification in notifications:
        notification.text = notification_text(notification)
        notification.text_without_title = notification_text(notification, with_title=False)
        notification.shown_excerpt = "" if notification.content_warning else plain_excerpt(notification.excerpt, names)
    return notifications


def _where(n: Notification, with_title: bool) -> str:
    # Behind a content warning even the title stays folded.
    if n.content_warning or not n.title or not with_title:
        return ""
    # Titles stored before bidi controls were removed on input must not turn the sentence around.
    return without_direction_controls(n.title)


def notification_text(n: Notification, *, with_title: bool = True) -> str:  # noqa: C901 - one branch per kind
    """``with_title=False`` leaves out the thread's, room's or resource's title (what members
    wrote), for emails to members who did not ask for content."""
    who = member_name(n.actor_name) if (n.actor_id or n.actor_name) else _("Someone")
    where = _where(n, with_title)
    count = max(n.count, 1)
    values = {"who": who, "where": where, "count": count, "others": count - 1, "reason": n.reason}
    if n.kind == Kind.REPLY:
        if count > 1:
            if where:
                return (
                    ngettext("%(count)s new reply in “%(where)s”", "%(count)s new replies in “%(where)s”", count)
                    % values
                )
            return (
                ngettext(
                    "%(count)s new reply in a thread you follow", "%(count)s new replies in a thread you follow", count
                )
                % values
            )
        if where:
            return _("%(who)s replied in “%(where)s”") % values
        return _("%(who)s replied in a thread you follow") % values
    if n.kind == Kind.MENTION:
        return (_("%(who)s mentioned you in “%(where)s”") if where else _("%(who)s mentioned you")) % values
    if n.kind == Kind.DIRECT_MESSAGE:
        return _("%(who)s sent you a direct message") % values
    if n.kind == Kind.WATCHED_CATEGORY:
        if where:
            return _("%(who)s started the thread “%(where)s” in a category you watch") % values
        return _("%(who)s started a thread in a category you watch") % values
    if n.kind == Kind.REACTION:
        if count > 1:
            if where:
                return (
                    ngettext(
                        "%(who)s and %(others)s other reacted to your post in “%(where)s”",
                        "%(who)s and %(others)s others reacted to your post in “%(where)s”",
                        count - 1,
                    )
                    % values
                )
            return (
                ngettext(
                    "%(who)s and %(others)s other reacted to your post",
                    "%(who)s and %(others)s others reacted to your post",
                    count - 1,
                )
                % values
            )
        return (
            _("%(who)s reacted to your post in “%(where)s”") if where else _("%(who)s reacted to your post")
        ) % values
    if n.kind == Kind.RESOURCE_DECISION:
        return _resource_decision(n, values)
    if n.kind == Kind.RESOURCE_MATCH:
        if where:
            return _("New in the library on a theme you follow: “%(where)s”") % values
        return _("A new resource on a theme you follow was published") % values
    if n.kind == Kind.TRANSLATION:
        values["language"] = content_language.label(n.verb) or n.verb
        if where:
            return _("%(who)s translated “%(where)s” into %(language)s") % values
        return _("%(who)s published a translation into %(language)s") % values
    if n.kind == Kind.MODERATION_DECISION:
        return _moderation_decision(n, values)
    if n.kind == Kind.MODERATION and n.verb == "member.warn":
        return _("A moderator wrote to you: %(reason)s") % values if n.reason else _("A moderator wrote to you")
    if n.kind == Kind.MODERATION:
        return _moderation_queue(n, values)
    # A kind without its own sentence yet names at least what it is about.
    label = Kind(n.kind).label if n.kind in Kind.values else n.kind
    return _("New activity: %(kind)s") % {"kind": label}


def _resource_decision(n: Notification, values: dict) -> str:
    where = values["where"]
    if n.verb == "published":
        return (_("Your resource “%(where)s” was published") if where else _("Your resource was published")) % values
    if n.verb == "draft":
        if n.reason:
            if where:
                return _("Your resource “%(where)s” was returned with a note: %(reason)s") % values
            return _("Your resource was returned with a note: %(reason)s") % values
        return _("Your resource was returned to you for changes")
    if n.verb == "rejected":
        if n.reason:
            if where:
                return _("Your resource “%(where)s” was declined: %(reason)s") % values
            return _("Your resource was declined: %(reason)s") % values
        return _("Your resource was declined")
    return _("A moderator decided on your resource")


# What a moderator did to a member's content, by audit action.
_DECISIONS = {
    "forum.post_hide": (
        lambda: _("Your post in “%(where)s” was hidden by a moderator: %(reason)s"),
        lambda: _("Your post was hidden by a moderator: %(reason)s"),
    ),
    "forum.post_delete": (
        lambda: _("Your post in “%(where)s” was removed by a moderator: %(reason)s"),
        lambda: _("Your post was removed by a moderator: %(reason)s"),
    ),
    "forum.thread_hide": (
        lambda: _("Your thread “%(where)s” was hidden by a moderator: %(reason)s"),
        lambda: _("Your thread was hidden by a moderator: %(reason)s"),
    ),
    "chat.message_delete": (
        lambda: _("Your message in “%(where)s” was removed by a moderator: %(reason)s"),
        lambda: _("Your chat message was removed by a moderator: %(reason)s"),
    ),
    "resource.archive": (
        lambda: _("Your resource “%(where)s” was archived by a moderator: %(reason)s"),
        lambda: _("Your resource was archived by a moderator: %(reason)s"),
    ),
}


def _moderation_decision(n: Notification, values: dict) -> str:
    texts = _DECISIONS.get(n.verb)
    if texts is None:
        return _("A moderator acted on something you wrote: %(reason)s") % values
    values = {**values, "reason": n.reason or _("no reason given")}
    return (texts[0] if values["where"] else texts[1])() % values


def _moderation_queue(n: Notification, values: dict) -> str:
    if n.verb == "report":
        return (
            _("A new report waits in the moderation queue: %(where)s") % values
            if n.title
            else _("A new report waits in the moderation queue")
        )
    if n.verb == "application":
        return _("%(who)s applied to join and waits in the moderation queue") % values
    if n.verb == "resource":
        return _("%(who)s submitted a resource for review") % values
    return _("A new item is waiting in the moderation queue")


def email_subject(notifications: list[Notification], site_name: str) -> str:
    """Says what happened without quoting anyone: the kind's sentence for one notification
    stripped of names and titles, otherwise how many there are."""
    if len(notifications) == 1:
        only = notifications[0]
        subject = _SUBJECTS.get("warning" if only.verb == "member.warn" else only.kind)
        if subject is not None:
            return _("%(what)s on %(site)s") % {"what": subject(), "site": site_name}
    return ngettext(
        "%(count)s new notification on %(site)s", "%(count)s new notifications on %(site)s", len(notifications)
    ) % {"count": len(notifications), "site": site_name}


_SUBJECTS = {
    Kind.REPLY: lambda: _("New reply in a thread you follow"),
    Kind.MENTION: lambda: _("You were mentioned"),
    Kind.DIRECT_MESSAGE: lambda: _("New direct message"),
    Kind.WATCHED_CATEGORY: lambda: _("New thread in a category you watch"),
    Kind.REACTION: lambda: _("New reaction to your post"),
    Kind.RESOURCE_DECISION: lambda: _("A decision on your resource"),
    Kind.RESOURCE_MATCH: lambda: _("New resource on a theme you follow"),
    Kind.MODERATION: lambda: _("New item in the moderation queue"),
    Kind.MODERATION_DECISION: lambda: _("A moderator's decision about what you wrote"),
    "warning": lambda: _("A message from the moderators"),
}
