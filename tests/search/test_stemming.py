"""Stemming is shared by every thread that serves requests, and must not garble words when
several stem at once (Snowball stemmers keep the word they work on in themselves)."""

from concurrent.futures import ThreadPoolExecutor

from search import text

WORDS = [
    f"{base}{suffix}"
    for base in ("насили", "кризисн", "убежищ", "shelter", "survivor", "violenc", "помощ", "referr")
    for suffix in ("ем", "ами", "ов", "ing", "ed", "s", "ой", "ation", "ям", "ness")
]


def _stem_all(offset: int) -> list[str]:
    # Bypass the memo so that every call really runs a stemmer.
    return [text.stem.__wrapped__(word) for word in WORDS[offset:] + WORDS[:offset]]


def test_threads_stemming_at_once_get_the_same_stems_as_one_thread():
    expected = {offset: _stem_all(offset) for offset in range(0, len(WORDS), 7)}
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _round in range(25):
            results = dict(zip(expected, pool.map(_stem_all, expected), strict=True))
            assert results == expected


def test_russian_and_english_words_keep_their_stems():
    assert text.stem("насилием") == text.stem("насилие")
    assert text.stem("shelters") == text.stem("shelter")
