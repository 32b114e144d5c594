"""One renderer for a chat message: the page, the catch-up and the live frames all use
chat/_message.html, so a message reads the same however it arrived (see PROTOCOL.md).

Time zones: a broadcast is rendered once per language in the hub's zone; each connection
then swaps the one <time> element (chat/_message_time.html, the same template the page
includes) for its reader's zone. Readers in one room can be in many zones, so rendering per
(language, zone) group would mean a query for the room's members' zones and one full render
per group on every message; the swap costs no query and one tiny render per (language, zone),
cached, and reads exactly as a reload does because both come from the same template.

Encoding: a broadcast carries its frame already JSON-encoded, split into the part every
language shares (``head``) and the encoded fragment per language, so a connection sends the text
as it is (``frame_text``) instead of encoding a dict per reader. The time swap then works on the
encoded text: JSON escapes character by character, so the encoded <time> element is a part of
the encoded fragment.

Languages: the broadcast carries the fragment in the language of whoever caused it and in the
default language only, because each render is about 2.5 ms on the path from "send" to every
reader, and a room's readers use few of the ten languages. A server process that has a reader
of another language renders it once for all its readers of that language
(``encoded_fragment``, called by the chat consumer)."""

import json
import uuid
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime

from accounts import mentions

from . import selectors
from .models import Message


def _frame_context(message: Message, names: dict[int, str]) -> dict:
    # Viewer-independent: no own-message or moderator decisions here. The own-message
    # controls are rendered hidden and revealed by the client (the server checks every
    # action again); moderator controls are never part of a frame.
    message.reaction_buttons = selectors.reaction_buttons(message, None)
    message.viewer_can_edit = message.viewer_can_delete = message.viewer_can_report = False
    # Light mode runs no scripts, so it never receives frames: pictures are shown in them.
    return {"message": message, "mention_names": names, "frame": True, "light_mode": False}


def hub_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def message_fragment(
    message: Message, *, language: str, zone: ZoneInfo | None = None, names: dict[int, str] | None = None
) -> str:
    """The message's <li> as the page shows it, in ``language`` and ``zone`` (the hub's by
    default, whatever zone the calling request activated)."""
    if names is None:
        names = mentions.mention_names([message.body_html])
    with translation.override(language), timezone.override(zone or hub_zone()):
        return render_to_string("chat/_message.html", _frame_context(message, names)).strip()


def _encode(value) -> str:
    # UTF-8 as it is, not \u escapes: Cyrillic and Arabic-script text would triple in size in
    # every copy the channel layer carries and in every frame a reader downloads.
    return json.dumps(value, ensure_ascii=False)


def broadcast_languages() -> list[str]:
    """The languages a broadcast carries: the active one (the sender's, or the language of the
    request that edited or reacted) and the default."""
    active = translation.get_language() or settings.LANGUAGE_CODE
    supported = {code for code, _name in settings.LANGUAGES}
    return list(dict.fromkeys(code for code in (active, settings.LANGUAGE_CODE) if code in supported))


def message_frames(message: Message, *, kind: str, languages: list[str] | None = None) -> dict:
    """A ``message`` or ``update`` frame encoded once for all readers, with the fragment in
    ``languages`` (``broadcast_languages()`` by default): ``head + fragments[language] + "}}"``
    is the frame's JSON text (see frame_text). ``broadcast`` names this one broadcast, so that a
    process renders a missing language once for all its readers."""
    payload = selectors.message_payload(message)
    head = _encode({"type": kind, "message": payload})[:-2] + ', "fragment": '
    names = mentions.mention_names([message.body_html])
    fragments = {
        code: _encode(message_fragment(message, language=code, names=names))
        for code in (languages or broadcast_languages())
    }
    return {
        "kind": kind,
        "room": message.room_id,
        "message": message.pk,
        "seq": message.seq,
        "broadcast": uuid.uuid4().hex,
        "created_at": payload["created_at"],
        "head": head,
        "fragments": fragments,
    }


def encoded_fragment(message_id: int, language: str) -> str | None:
    """The encoded fragment of the stored message in ``language`` (hub's zone), for a reader
    whose language the broadcast did not carry; None when the message is gone."""
    message = selectors.messages_for_frames().filter(pk=message_id).first()
    if message is None:
        return None
    return _encode(message_fragment(message, language=language))


def frame_text(frames: dict, *, language: str, zone: ZoneInfo, fragment: str | None = None) -> str:
    """The JSON text of a broadcast frame for a reader of ``language`` in ``zone``; ``fragment``
    is the encoded fragment in that language when the broadcast did not carry it."""
    fragments = frames["fragments"]
    fragment = fragment or fragments.get(language) or fragments.get(settings.LANGUAGE_CODE) or '""'
    at = parse_datetime(frames["created_at"]) if frames.get("created_at") else None
    if at is not None and zone.key != settings.TIME_ZONE:
        hub = _encode(_time_element(at, language, settings.TIME_ZONE))[1:-1]
        reader = _encode(_time_element(at, language, zone.key))[1:-1]
        fragment = fragment.replace(hub, reader, 1)
    return frames["head"] + fragment + "}}"


def ack_payload(message: Message, *, language: str, zone: ZoneInfo) -> dict:
    """The message object of the sender's ``ack``: from the frames the broadcast encoded
    (message.frames) when it has them, so the message is not rendered again."""
    frames = getattr(message, "frames", None)
    if not frames or language not in frames["fragments"]:
        payload = selectors.message_payload(message)
        return {**payload, "fragment": message_fragment(message, language=language, zone=zone)}
    return json.loads(frame_text(frames, language=language, zone=zone))["message"]


@lru_cache(maxsize=1024)
def _time_element(at: datetime, language: str, zone: str) -> str:
    with translation.override(language), timezone.override(ZoneInfo(zone)):
        return render_to_string("chat/_message_time.html", {"at": at})


def fragment_in_zone(fragment: str, created_at: str, *, language: str, zone: ZoneInfo) -> str:
    """A broadcast fragment (hub's zone) with its time shown in the reader's ``zone``."""
    at = parse_datetime(created_at) if created_at else None
    if not fragment or at is None or zone.key == settings.TIME_ZONE:
        return fragment
    return fragment.replace(_time_element(at, language, settings.TIME_ZONE), _time_element(at, language, zone.key), 1)


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
