"""The markup of attachments shown in members' text (forum posts, chat messages): a picture
is a thumbnail that links to the full size, a file a link with its size. Built by the
server only, after the member's text was sanitised, so its classes cannot be forged."""

import re
import secrets

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


# ``![alt](upload:ID)`` for a picture, ``[name](upload:ID)`` for a file, as composers write them.
REFERENCE = re.compile(r"(!?)\[([^\]\n]{0,200})\]\(upload:([0-9]{1,12})\)")


def referenced_ids(body: str) -> set[int]:
    return {int(match.group(3)) for match in REFERENCE.finditer(body or "")}


def render_references(body: str, owned: dict, render) -> tuple[str, list]:
    """``render(text) -> html`` (the feature's Markdown) of ``body`` with the references to
    ``owned`` attachments (id -> attachment with ``figure(label)``) shown, and those used.
    Any other reference keeps only its words."""
    tokens: dict[str, str] = {}
    used: dict = {}

    def swap(match):
        attachment = owned.get(int(match.group(3)))
        label = match.group(2).strip() or (attachment.original_name if attachment else "")
        if attachment is None:
            return label
        # A plain word survives Markdown and the sanitiser; the figure replaces it after both.
        token = f"HUBATTACHMENT{secrets.token_hex(8)}X"
        tokens[token] = attachment.figure(label)
        used[attachment.pk] = attachment
        return token

    html = str(render(REFERENCE.sub(swap, body)))
    for token, figure in tokens.items():
        html = html.replace(token, figure)
    return html, list(used.values())


def reference_for(attachment) -> str:
    label = re.sub(r"[\[\]\n]", " ", attachment.original_name)
    return f"![{label}](upload:{attachment.pk})" if attachment.is_image else f"[{label}](upload:{attachment.pk})"
