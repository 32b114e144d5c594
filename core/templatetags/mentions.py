"""Mentions shown with the person's current name (see core.mentions)."""

from django import template

from core import mentions

register = template.Library()


@register.simple_tag
def mention_names(items, attribute="body_html"):
    """Current names of everyone mentioned in a page of posts or messages: one query at most."""
    return mentions.mention_names(getattr(item, attribute, "") for item in items or ())


@register.filter
def current_mentions(html, names):
    if not isinstance(names, dict):  # a page that did not look the names up keeps the stored ones
        return mentions.with_current_names(html, None)
    return mentions.with_current_names(html, names)
