"""One renderer for a chat message: the page, the catch-up and the live frames all use
chat/_message.html, so a message reads the same however it arrived (see PROTOCOL.md)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from core import mentions

from . import selectors
from .models import Message


def _frame_context(message: Message, names: dict[int, str]) -> dict:
    # Viewer-independent: no own-message or moderator decisions here. The own-message
    # controls are rendered hidden and revealed by the client (the server checks every
    # action again); moderator controls are never part of a frame.
    message.reaction_buttons = selectors.reaction_buttons(message, None)
    message.viewer_can_edit = message.viewer_can_delete = message.viewer_can_report = False
    return {"message": message, "mention_names": names, "frame": True}


def message_fragment(message: Message, *, language: str, names: dict[int, str] | None = None) -> str:
    """The message's <li> as the page shows it, in ``language`` and the site's time zone."""
    if names is None:
        names = mentions.mention_names([message.body_html])
    with translation.override(language):
        return render_to_string("chat/_message.html", _frame_context(message, names)).strip()


def message_fragments(message: Message) -> dict[str, str]:
    """The fragment in every interface language: rendered once per message for a broadcast,
    whatever the number of readers."""
    names = mentions.mention_names([message.body_html])
    return {code: message_fragment(message, language=code, names=names) for code, _name in settings.LANGUAGES}


def connection_language(user, scope) -> str:
    """The interface language of a WebSocket connection, chosen as a page request would be:
    the member's setting, then the language cookie, then Accept-Language."""
    supported = {code for code, _name in settings.LANGUAGES}
    candidates = [getattr(user, "ui_language", "")]
    cookies = scope.get("cookies") or {}
    candidates.append(cookies.get(settings.LANGUAGE_COOKIE_NAME, ""))
    headers = dict(scope.get("headers") or [])
    accept = headers.get(b"accept-language", b"").decode("latin-1")
    candidates.extend(code for code, _q in translation.trans_real.parse_accept_lang_header(accept))
    for candidate in candidates:
        if not candidate:
            continue
        try:
            code = translation.get_supported_language_variant(candidate.lower())
        except LookupError:
            continue
        if code in supported:
            return code
    return settings.LANGUAGE_CODE
