"""The alliance's glossary: reading the interface translators' ``locale/<locale>/GLOSSARY.md``
tables, and finding the entries whose English or Russian term occurs in an original."""

import re
from pathlib import Path

from django.conf import settings

_ROW = re.compile(r"^\|(.+)\|\s*$")
_PARENTHESES = re.compile(r"\([^)]*\)")
WORD = re.compile(r"\w+", re.UNICODE)


def locale_to_code(locale: str) -> str:
    """``fa_AF`` → ``fa-af``, ``uz_Cyrl`` → ``uz-cyrl``."""
    return locale.replace("_", "-").lower()


def parse(text: str) -> list[tuple[str, str, str]]:
    """(English term, translation, note) rows of every table whose header starts with
    ``| English |``; other tables and prose are ignored."""
    rows: list[tuple[str, str, str]] = []
    in_table = False
    for line in text.splitlines():
        match = _ROW.match(line.strip())
        if not match:
            in_table = False
            continue
        cells = [cell.strip() for cell in match.group(1).split("|")]
        if cells and cells[0].lower() == "english":
            in_table = True
            continue
        if not in_table or set("".join(cells)) <= set("-: "):
            continue
        if len(cells) >= 2 and cells[0] and cells[1]:
            rows.append((cells[0][:200], cells[1][:300], (cells[2] if len(cells) > 2 else "")[:2000]))
    return rows


def glossary_files(root: Path | None = None) -> dict[str, Path]:
    root = root or Path(settings.BASE_DIR) / "locale"
    return {locale_to_code(path.parent.name): path for path in sorted(root.glob("*/GLOSSARY.md"))}


def _candidates(term: str) -> list[str]:
    # "thread / post", "reply; (button) ..." and "hub (the platform)" name several forms.
    plain = _PARENTHESES.sub(" ", term)
    return [part.strip() for part in re.split(r"[;/]", plain) if len(part.strip()) >= 3]


def _stem(word: str) -> str:
    # Russian and Central Asian words inflect: match on the start of longer words.
    return word[: max(4, len(word) - 2)] if len(word) > 5 else word


def occurs(term: str, haystack_words: set[str], haystack: str) -> bool:
    for candidate in _candidates(term.casefold()):
        words = WORD.findall(candidate)
        if not words:
            continue
        if len(words) == 1 and len(words[0]) <= 5:
            if words[0] in haystack_words:
                return True
        elif all(_stem(word) in haystack for word in words):
            return True
    return False
