"""@mentions in member-written text, shared by the forum and chat: reading and rendering them.
Finding who a typed name means is the members' business (accounts/mentions.py).

A mention is stored by member id: ``@[Name](member:42)`` is what the member picker inserts and
what every saved text holds. The label is only a reminder for the writer; the page shows the
person's current name, linked to their profile. Typed ``@[Display Name]`` or ``@Name`` (without
JavaScript) is turned into the id form on saving, when exactly one active member matches;
otherwise the writer is told the name is unknown or ambiguous, in preview and on publish alike.
A typed ``@Partner in Afghanistan`` is one mention of the member of that full name (names have
spaces and dots): the scanner keeps the words that follow the ``@`` and the resolver takes the
longest run of them that is someone's whole name.

The scanner reads the text once, left to right: a label cannot contain ``@``, ``[``, ``]`` or a
line break, so a failed mention never makes it read the same characters again (member text is
up to 20,000 characters; a backtracking pattern over it would be a denial of service).
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.markdown import render_markdown
from core.names import member_name

MAX_MENTIONS = 20
LABEL_MAX = 80
ID_MAX_DIGITS = 12
ID_PREFIX = "](member:"
LABEL_STOP = "@[]\n"
# Placeholders carried through Markdown rendering; private-use characters members do not type.
_OPEN, _CLOSE = "\ue000", "\ue001"
_PLACEHOLDER_RE = re.compile(f"{_OPEN}(\\d{{1,3}}){_CLOSE}")
# Only the renderer below writes class="mention": the sanitiser drops class on member links.
_RENDERED_RE = re.compile(r'<a class="mention" href="([^"<>]*)" data-member-id="(\d{1,12})">@([^<]*)</a>')


@dataclass
class Mention:
    start: int
    end: int
    label: str
    member_id: int | None = None  # None: a typed name still to be resolved
    # After a bare ``@``: the text up to the next ``@``, ``[``, ``]``, line break or LABEL_MAX
    # characters, where a display name with spaces may go on (see name_ends).
    following: str = ""


@dataclass
class StepCounter:
    """How many characters the scanner looked at (tests bound it to prove linear time)."""

    steps: int = 0


def _is_word(char: str) -> bool:
    return char.isalnum() or char in "_.-"


def mentions_scan(text: str, counter: StepCounter | None = None) -> list[Mention]:
    text = text or ""
    counter = counter if counter is not None else StepCounter()
    found: list[Mention] = []
    length = len(text)
    position = 0
    while position < length:
        at = text.find("@", position)
        counter.steps += (length if at < 0 else at) - position + 1
        if at < 0:
            break
        position = at + 1
        if at > 0 and (text[at - 1] == "@" or text[at - 1].isalnum() or text[at - 1] == "_"):
            continue
        if position < length and text[position] == "[":
            end = position + 1
            limit = min(length, end + LABEL_MAX + 1)
            while end < limit and text[end] not in LABEL_STOP:
                end += 1
            counter.steps += end - position
            if end >= length or text[end] != "]":
                position = end
                continue
            label = text[position + 1 : end].strip()
            position = end + 1
            if not label:
                continue
            member_id, stop = _id_suffix(text, end, counter)
            if member_id is not None:
                position = stop
            found.append(Mention(start=at, end=position, label=label, member_id=member_id))
        else:
            end = position
            limit = min(length, end + LABEL_MAX)
            while end < limit and _is_word(text[end]):
                end += 1
            counter.steps += end - position
            # A full stop or hyphen at the end belongs to the sentence, not the name.
            while end > position and text[end - 1] in ".-":
                end -= 1
            if end > position:
                # Windows end at the next "@", so together they read the text at most once.
                stop = position
                # One character more than a name can have, to see whether its last word ends.
                limit = min(length, position + LABEL_MAX + 1)
                while stop < limit and text[stop] not in LABEL_STOP:
                    stop += 1
                counter.steps += stop - position
                found.append(Mention(start=at, end=end, label=text[position:end], following=text[position:stop]))
            position = max(end, position)
    return found


def _continues_word(char: str) -> bool:
    return char.isalnum() or char == "_" or unicodedata.category(char).startswith("M")


def name_ends(following: str, first: int) -> list[int]:
    """Where a display name typed after a bare ``@`` may end in ``following``: after the first
    word (``first`` characters) or after any later character that is not a space, when no
    letter, digit or mark goes on right after it ("Айжан Н." ends after the dot, and also
    before it). Longest first."""
    ends = []
    for index in range(max(first, 1), min(len(following), LABEL_MAX) + 1):
        if following[index - 1].isspace():
            continue
        if index < len(following) and _continues_word(following[index]) and _continues_word(following[index - 1]):
            continue
        ends.append(index)
    return ends[::-1]


def _id_suffix(text: str, close: int, counter: StepCounter) -> tuple[int | None, int]:
    """Read ``(member:42)`` right after the label's ``]`` at ``close``."""
    if not text.startswith(ID_PREFIX, close):
        counter.steps += 1
        return None, close + 1
    start = close + len(ID_PREFIX)
    end = start
    while end < len(text) and end - start <= ID_MAX_DIGITS and text[end].isdigit():
        end += 1
    counter.steps += end - close
    if end == start or end >= len(text) or text[end] != ")" or end - start > ID_MAX_DIGITS:
        return None, close + 1
    return int(text[start:end]), end + 1


@dataclass
class Prepared:
    """A text with its mentions resolved: the body to store, its HTML and who is mentioned."""

    body: str
    html: SafeString
    members: list = field(default_factory=list)


def mentions_compose(text: str, resolve: Callable[..., dict], *, strict: bool = True) -> Prepared:
    """Store the mentions of a text as ids and render it; ``resolve`` gives each mention its
    member id and returns the members by id (see accounts.mentions.mentions_prepare)."""
    # The placeholders below are private-use characters; a member's own would be taken for them.
    text = (text or "").replace(_OPEN, "").replace(_CLOSE, "")
    mentions = mentions_scan(text)
    by_id = resolve(mentions, strict=strict) if mentions else {}
    body_parts: list[str] = []
    render_parts: list[str] = []
    links: list = []
    members: dict = {}
    last = 0
    for mention in mentions:
        body_parts.append(text[last : mention.start])
        render_parts.append(text[last : mention.start])
        last = mention.end
        user = by_id.get(mention.member_id)
        if user is None or len(members) >= MAX_MENTIONS and user.pk not in members:
            body_parts.append(text[mention.start : mention.end])
            render_parts.append(text[mention.start : mention.end])
            continue
        members.setdefault(user.pk, user)
        body_parts.append(f"@[{_label(user.display_name)}](member:{user.pk})")
        render_parts.append(f"{_OPEN}{len(links)}{_CLOSE}")
        links.append(user)
    body_parts.append(text[last:])
    render_parts.append(text[last:])
    source = "".join(render_parts)
    html = str(render_markdown(source.replace(_OPEN, "").replace(_CLOSE, "") if not links else source))

    def link(match):
        index = int(match.group(1))
        if index >= len(links):
            return ""
        return _anchor(links[index].pk, links[index].display_name)

    html = _links_in_text(html, link, links)
    return Prepared(body="".join(body_parts), html=mark_safe(html), members=list(members.values()))  # noqa: S308 - sanitised markdown plus escaped names


_TAG_RE = re.compile(r"(<[^<>]*>)")


def _links_in_text(html: str, link, links: list) -> str:
    """Put the mention links in place of their placeholders in the text of the sanitised HTML
    only: a placeholder inside a tag (a link's title) is dropped, and one inside another link
    reads as plain "@Name", so a mention never opens or nests markup."""
    parts, inside_link = [], 0
    for part in _TAG_RE.split(html):
        if part.startswith("<"):
            if part.startswith("<a ") or part == "<a>":
                inside_link += 1
            elif part.startswith("</a"):
                inside_link = max(0, inside_link - 1)
            parts.append(part.replace(_OPEN, "").replace(_CLOSE, ""))
        elif inside_link:
            parts.append(_PLACEHOLDER_RE.sub(lambda match: _plain(match, links), part))
        else:
            parts.append(_PLACEHOLDER_RE.sub(link, part))
    return "".join(parts).replace(_OPEN, "").replace(_CLOSE, "")


def _plain(match, links: list) -> str:
    index = int(match.group(1))
    return escape(f"@{links[index].display_name}") if index < len(links) else ""


def _label(name: str) -> str:
    return "".join(char for char in name if char not in LABEL_STOP)[:LABEL_MAX] or "?"


def _anchor(member_id: int, name: str) -> str:
    href = reverse("members:detail", args=[member_id])
    return f'<a class="mention" href="{href}" data-member-id="{member_id}">@{escape(name)}</a>'


def mentions_as_text(text: str) -> str:
    """A text with each bracketed mention written as people read it, "@Name" (the name written
    in the mention): for search, whose index and excerpts show text, not markup."""
    text = text or ""
    parts, last = [], 0
    for mention in mentions_scan(text):
        if text.startswith("@[", mention.start):
            parts.append(text[last : mention.start])
            parts.append(f"@{mention.label}")
            last = mention.end
    parts.append(text[last:])
    return "".join(parts)


def mention_ids(*htmls: str) -> set[int]:
    return {int(match.group(2)) for html in htmls if html for match in _RENDERED_RE.finditer(html)}


def with_current_names(html: str, names: dict[int, str] | None) -> SafeString:
    """Show each mention with the person's name as it is now; a deleted account reads as a
    former member, without a link. Without ``names`` the stored HTML is returned as it is."""
    if names is None:
        return mark_safe(html or "")  # noqa: S308 - stored sanitised HTML

    def current(match):
        member_id = int(match.group(2))
        name = names.get(member_id)
        if not name:
            return f'<span class="mention">@{escape(member_name(""))}</span>'
        return f'<a class="mention" href="{match.group(1)}" data-member-id="{member_id}">@{escape(name)}</a>'

    return mark_safe(_RENDERED_RE.sub(current, html or ""))  # noqa: S308 - rewrites only our own escaped anchors
