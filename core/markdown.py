"""Markdown for member-written text: rendered server-side, then sanitised with an allowlist.

Raw HTML is not parsed at all, images are not allowed (no requests to other hosts), and
every link gets rel="nofollow noopener noreferrer". The sanitiser runs last, so whatever the
parser produces, only allowlisted tags, attributes and URL schemes reach the page.
"""

import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "del",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

_parser = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    .enable("table")
    .enable("strikethrough")
    .disable("image")
)


_HEADING = re.compile(r"<(/?)h([1-6])>")


def _demote_headings(html: str, top: int = 3) -> str:
    """Member text never outranks the page's own headings, nor skips a level (axe's
    heading-order): its first heading is ``top``, and each is at most one deeper than the last."""
    levels = [int(level) for closing, level in _HEADING.findall(html) if not closing]
    if not levels:
        return html
    ranks = {level: top + rank for rank, level in enumerate(sorted(set(levels)))}
    out, previous = [], top - 1
    for level in levels:
        previous = min(ranks[level], previous + 1, 6)
        out.append(previous)
    opened = iter(out)
    stack = []

    def swap(match):
        if match.group(1):
            return f"</h{stack.pop()}>"
        stack.append(next(opened))
        return f"<h{stack[-1]}>"

    return _HEADING.sub(swap, html)


def render_markdown(text: str, *, top_heading: int = 3) -> SafeString:
    """``top_heading``: the level member headings start at, one below the page's own."""
    html = _demote_headings(_parser.render(text), top_heading)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 with an allowlist just above
