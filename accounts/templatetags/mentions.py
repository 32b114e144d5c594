"""Mentions shown with the person's current name (see accounts.mentions, core.mentions)."""

from django import template

from core.mentions import with_current_names

from .. import mentions

register = template.Library()


@register.simple_tag
def mention_names(items, attribute="body_html"):
    """Current names of everyone mentioned in a page of posts or messages: one query at most."""
    return mentions.mention_names(getattr(item, attribute, "") for item in items or ())


@register.filter
def current_mentions(html, names):
    if not isinstance(names, dict):  # a page that did not look the names up keeps the stored ones
        return with_current_names(html, None)
    return with_current_names(html, names)
