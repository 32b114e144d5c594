from django import template

from ..texts import notification_text

register = template.Library()


@register.filter
def what_happened(notification) -> str:
    """The sentence that says what happened, in the reader's language."""
    return getattr(notification, "text", None) or notification_text(notification)
