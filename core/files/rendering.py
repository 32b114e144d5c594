"""The markup of attachments shown in members' text (forum posts, chat messages): a picture
is a thumbnail that links to the full size, a file a link with its size. Built by the
server only, after the member's text was sanitised, so its classes cannot be forged."""

import re

from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

THUMB_WIDTH = 320

_PICTURE = re.compile(
    r'<a class="attachment attachment--image" href="([^"<>]*)"><img src="[^"<>]*" alt="([^"<>]*)"[^<>]*></a>'
)


def attachment_html(*, url: str, thumb_url: str, label: str, is_image: bool, size: int, width=None, height=None):
    if is_image:
        shown = min(width or THUMB_WIDTH, THUMB_WIDTH)
        return format_html(
            '<a class="attachment attachment--image" href="{}"><img src="{}" alt="{}" loading="lazy" width="{}" height="{}"></a>',
            url,
            thumb_url,
            label,
            shown,
            max(round((height or shown) * shown / (width or shown)), 1),
        )
    return format_html(
        '<a class="attachment attachment--file" href="{}">{}</a> <span class="attachment__size">({})</span>',
        url,
        label,
        filesizeformat(size),
    )


def light(html: str) -> SafeString:
    """Light mode: pictures become links, so nothing is loaded until asked for."""
    if "attachment--image" not in html:
        return html
    return mark_safe(  # noqa: S308 - rewrites only the server's own escaped markup
        _PICTURE.sub(
            lambda match: (
                f'<a class="attachment attachment--image-link" href="{match.group(1)}">'
                f'{match.group(2) or _("picture")}</a> <span class="attachment__size">({_("picture")})</span>'
            ),
            html,
        )
    )
