from django import template

from core.files import rendering

register = template.Library()


@register.filter
def light_attachments(html, light_mode):
    """``{{ html|light_attachments:light_mode }}``: pictures as links in light mode (live
    frames carry no light mode: light mode runs no scripts, so it gets no frames)."""
    return rendering.light(html) if light_mode else html
