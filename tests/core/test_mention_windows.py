"""The words after a bare "@" that a whole display name may take in are read once, and end
only where a word ends."""

import pytest

from core.mentions import StepCounter, mentions_as_text, mentions_scan, name_ends

SIZE = 16 * 1024


@pytest.mark.parametrize("text", ["@a " * (SIZE // 3), "@" + "a b " * (SIZE // 4), "@a." * (SIZE // 3)])
def test_the_name_windows_keep_the_scanner_linear(text):
    counter = StepCounter()
    mentions_scan(text, counter)
    assert counter.steps <= 4 * len(text)


def test_the_window_stops_at_the_next_mention_and_at_a_line_break():
    first, second = mentions_scan("@Partner in Afghanistan @Айжан Н.\nnext line")
    assert first.following == "Partner in Afghanistan "
    assert second.following == "Айжан Н."


def test_a_name_ends_where_a_word_ends_longest_first():
    following = "Айжан Н. спасибо"
    assert [following[:end] for end in name_ends(following, len("Айжан"))] == [
        "Айжан Н. спасибо",
        "Айжан Н.",
        "Айжан Н",
        "Айжан",
    ]
    assert name_ends("Partnership", len("Partnership")) == [len("Partnership")]


def test_mentions_read_as_names_in_plain_text():
    text = "Ask @[Dilnoza T.](member:9) or @[Айжан Н.], not @Madina's mail a@b.org"
    assert mentions_as_text(text) == "Ask @Dilnoza T. or @Айжан Н., not @Madina's mail a@b.org"
