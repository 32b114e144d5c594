"""The language a post, resource or chat message is written in.

Members choose it, or it is detected from the text. Detection looks at the letters each of the
alliance's languages has and its neighbours lack; it is a hint for filtering and for screen
readers (the ``lang`` attribute), so a short or mixed text may come out as the nearest
language or as unknown (empty)."""

import re

from django.conf import settings
from django.utils.translation import gettext_lazy as _

UNKNOWN = ""
CODES = [code for code, _name in settings.LANGUAGES]

# Letters that mark a language within its script, strongest first.
_CYRILLIC_MARKERS = (
    ("kk", set("әұіһ")),
    ("tg", set("ӣӯҷ")),
    ("uz-cyrl", set("ў")),
    ("tg", set("ҳ")),
    ("kk", set("қғ")),  # Kyrgyz has neither; Tajik and Uzbek would have shown ҳ or ў by now
    ("ky", set("ңөү")),
)
_PASHTO = set("ټډړږښګڼېۍځڅ")
_TURKMEN = set("äçňöşüýž")
_UZBEK_LATIN = re.compile(r"[oOgG][ʻ'‘`][a-zʼ]|ʻ|ʼ")
_WORD = re.compile(r"\w+", re.UNICODE)
_SCRIPTS = {
    "cyrillic": re.compile(r"[\u0400-\u04ff]"),
    "arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"),
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f]"),
}
MIN_LETTERS = 3


def choices(blank_label=None):
    """(code, name) pairs for forms; names are each language's own (settings.LANGUAGES)."""
    pairs = list(settings.LANGUAGES)
    return [("", blank_label if blank_label is not None else _("Detect automatically")), *pairs]


def label(code: str) -> str:
    return dict(settings.LANGUAGES).get(code, "")


def detect(text: str) -> str:
    """The most likely interface language code for ``text``, or ``UNKNOWN``."""
    text = _strip_markup(text or "")
    counts = {script: len(pattern.findall(text)) for script, pattern in _SCRIPTS.items()}
    script, letters = max(counts.items(), key=lambda item: item[1])
    if letters < MIN_LETTERS:
        return UNKNOWN
    lower = text.lower()
    if script == "arabic":
        return "ps" if any(ch in _PASHTO for ch in lower) else "fa-af"
    if script == "cyrillic":
        present = set(lower)
        for code, markers in _CYRILLIC_MARKERS:
            if present & markers:
                return code
        return "ru"
    if any(ch in _TURKMEN for ch in lower):
        return "tk"
    if _UZBEK_LATIN.search(text) or _looks_uzbek(lower):
        return "uz"
    return "en"


# Frequent Uzbek words written without the modifier letters (phones often lack them).
_UZBEK_WORDS = frozenset(
    [
        "va",
        "bilan",
        "uchun",
        "emas",
        "ham",
        "bu",
        "yoki",
        "lekin",
        "qilish",
        "boʻyicha",
        "kerak",
        "yordam",
        "zoʻravonlik",
        "xotin-qizlar",
    ]
)


def _looks_uzbek(lower: str) -> bool:
    words = _WORD.findall(lower)
    return bool(words) and sum(word in _UZBEK_WORDS for word in words) >= max(2, len(words) // 8)


# Links, code and mentions say nothing about the language of the sentence around them. Every
# unbounded repeat ends its pattern, so no member text can make these backtrack (an unclosed
# "@[" used to rescan the rest of the text once per "@[").
_LINK = re.compile(r"https?://\S+")
_CODE = re.compile(r"`[^`\n]{0,200}`")
_MENTION = re.compile(r"@\[[^\]\n]{0,80}\]|@\S+")


def _strip_markup(text: str) -> str:
    return _MENTION.sub(" ", _CODE.sub(" ", _LINK.sub(" ", text)))


def resolve(chosen: str, text: str) -> str:
    """The member's choice when it is a known language, else what the text looks like."""
    return chosen if chosen in CODES else detect(text)


def detect_stored(model, batch_size: int = 2000) -> None:
    """Detect the language of every row of ``model`` already stored (its ``body``), in batches
    by primary key; data migrations use it with their historical model."""
    last = 0
    while True:
        batch = list(model.objects.filter(pk__gt=last).order_by("pk").only("pk", "body")[:batch_size])
        if not batch:
            return
        for row in batch:
            row.language = detect(row.body)
        model.objects.bulk_update(batch, ["language"])
        last = batch[-1].pk
