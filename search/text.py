"""Words, stems and snippets. Cyrillic words are stemmed with the Snowball Russian stemmer,
Latin words with the English one, which is what PostgreSQL's "russian" configuration does,
so both databases match "насилием" for the query "насилие" and "shelters" for "shelter".

Kazakh, Kyrgyz, Tajik, Uzbek, Turkmen, Dari and Pashto have no stemmer here: their words
match exactly (and by prefix on SQLite)."""

import re
import threading
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.mentions import mentions_as_text

WORD_RE = re.compile(r"\w+", re.UNICODE)
WORD_SPLIT_RE = re.compile(r"(\w+)", re.UNICODE)
CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
MAX_QUERY_WORDS = 12

# A Snowball stemmer keeps the word it works on in itself, so one shared by the threads that
# serve requests garbles words (IndexError under load): each thread gets its own.
_stemmers = threading.local()


def _stemmer(language: str):
    stemmers = getattr(_stemmers, "by_language", None)
    if stemmers is None:
        stemmers = _stemmers.by_language = {
            "russian": snowballstemmer.stemmer("russian"),
            "english": snowballstemmer.stemmer("english"),
        }
    return stemmers[language]


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    word = word.lower().replace("ё", "е")
    if CYRILLIC_RE.search(word):
        return _stemmer("russian").stemWord(word)
    if word.isascii():
        return _stemmer("english").stemWord(word)
    return word


def words(text: str) -> list[str]:
    return WORD_RE.findall(text or "")


def stems(text: str) -> str:
    return " ".join(stem(w) for w in words(text))


def query_stems(query: str) -> list[str]:
    """The stems of a member's query; operators and punctuation are ignored."""
    seen = []
    for word in words(query)[: MAX_QUERY_WORDS * 2]:
        stemmed = stem(word)
        if stemmed and stemmed not in seen and stemmed.upper() not in {"AND", "OR", "NOT", "NEAR"}:
            seen.append(stemmed)
    return seen[:MAX_QUERY_WORDS]


def snippet(text: str, query_terms: list[str], *, width: int = 28) -> SafeString:
    """A window of ``text`` around the first match, matches wrapped in <mark>, all escaped.
    Mentions read "@Name" (a members' translation of a post holds them as markup)."""
    tokens = WORD_SPLIT_RE.split(mentions_as_text(text or ""))
    terms = set(query_terms)
    word_positions = [i for i, t in enumerate(tokens) if i % 2 == 1]
    hits = [i for i in word_positions if _matches(tokens[i], terms)]
    if not word_positions:
        return mark_safe("")  # noqa: S308 - empty string
    centre = word_positions.index(hits[0]) if hits else 0
    first = max(0, centre - width // 3)
    last = min(len(word_positions) - 1, first + width)
    start, end = word_positions[first], word_positions[last] + 1
    parts = []
    for i in range(start, end):
        token = escape(tokens[i])
        parts.append(f"<mark>{token}</mark>" if i % 2 == 1 and _matches(tokens[i], terms) else token)
    prefix = "… " if first > 0 else ""
    # A mention's "@" stays with its name when the window starts there.
    if tokens[start - 1].endswith("@"):
        prefix += "@"
    suffix = " …" if last < len(word_positions) - 1 else ""
    return mark_safe(prefix + "".join(parts).strip() + suffix)  # noqa: S308 - every token escaped above


def _matches(word: str, terms: set[str]) -> bool:
    stemmed = stem(word)
    return any(stemmed.startswith(term) for term in terms)
