"""Short member-chosen texts (titles, names) that cannot turn the sentence around them.

Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) change the direction of
everything after them until their end: a title made of U+202E and "txt.exe", quoted in a form
error or a flash message, reverses the rest of that sentence. Pages show members' text with ``dir="auto"``,
which is enough for direction, so nothing is lost by removing them from titles. The marks
U+200E, U+200F and U+061C stay: they affect only their neighbours' direction and RTL writers use
them to place punctuation and numbers.

Messages that quote a title strip them again when they are shown, for rows written before
titles were cleaned. They are not wrapped in isolates (U+2068 … U+2069) in addition: once the
controls are gone a title's letters set the direction of their own run only and cannot reverse
the sentence, and invisible characters in a message would follow it into copied text.
"""

import re

DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def without_direction_controls(text: str | None) -> str:
    return DIRECTION_CONTROLS.sub("", text or "")
