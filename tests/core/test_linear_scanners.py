"""No member text can stall a worker: every regular expression that scans member text is of a
form that runs in linear time, checked here on the parsed pattern rather than with a clock.

The form: inside each alternative, everything before the last item matches a bounded number of
characters, no repeat sits inside another repeat, and only the last item may repeat without
bound, and then only a single character (class). An attempt at a position therefore either
fails after a bounded number of steps or succeeds, consuming all it scanned: `search`,
`finditer`, `sub` and `split` stay linear in the length of the text.
"""

import re
from re import _constants as sre
from re import _parser as sre_parse

import pytest

from core import content_language, personal_details
from resources import forms as resource_forms
from search import text as search_text

MAX_PREFIX = 300  # characters an attempt may examine before it must succeed or fail
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)

SCANNERS = {
    "personal_details.TOKEN_RE": personal_details.TOKEN_RE,
    "personal_details.DATE_RE": personal_details.DATE_RE,
    "personal_details.LOCAL_PHONE_RE": personal_details.LOCAL_PHONE_RE,
    "content_language._LINK": content_language._LINK,
    "content_language._CODE": content_language._CODE,
    "content_language._MENTION": content_language._MENTION,
    "content_language._WORD": content_language._WORD,
    "content_language._UZBEK_LATIN": content_language._UZBEK_LATIN,
    **{f"content_language._SCRIPTS[{name}]": pattern for name, pattern in content_language._SCRIPTS.items()},
    "search.text.WORD_RE": search_text.WORD_RE,
    "search.text.WORD_SPLIT_RE": search_text.WORD_SPLIT_RE,
    "search.text.CYRILLIC_RE": search_text.CYRILLIC_RE,
    "resources.forms.TRANSLATION_ID_RE": resource_forms.TRANSLATION_ID_RE,
}


def _contains_repeat(items) -> bool:
    for op, av in items:
        if op in REPEATS:
            return True
        if op is sre.SUBPATTERN and _contains_repeat(av[3]):
            return True
        if op is sre.BRANCH and any(_contains_repeat(branch) for branch in av[1]):
            return True
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.ATOMIC_GROUP) and _contains_repeat(
            av[1] if op is not sre.ATOMIC_GROUP else av
        ):
            return True
    return False


def _problems(items, *, may_end_unbounded: bool) -> list[str]:
    items = list(items)
    if len(items) == 1 and items[0][0] is sre.BRANCH:
        return [p for branch in items[0][1][1] for p in _problems(branch, may_end_unbounded=may_end_unbounded)]
    problems = []
    for index, (op, av) in enumerate(items):
        last = may_end_unbounded and index == len(items) - 1
        if op in REPEATS:
            low, high, inner = av
            if _contains_repeat(inner):
                problems.append("a repeat inside a repeat")
            if high == sre.MAXREPEAT and not (last and inner.getwidth() == (1, 1)):
                problems.append("an unbounded repeat that is not a single character at the end")
        elif op is sre.SUBPATTERN:
            problems += _problems(av[3], may_end_unbounded=last)
        elif op is sre.BRANCH:
            problems += [p for branch in av[1] for p in _problems(branch, may_end_unbounded=last)]
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            problems += _problems(av[1], may_end_unbounded=False)
        elif op is sre.ATOMIC_GROUP:
            problems += _problems(av, may_end_unbounded=last)
    prefix = sre_parse.SubPattern(sre_parse.State(), items[:-1]).getwidth()[1] if len(items) > 1 else 0
    if prefix > MAX_PREFIX:
        problems.append(f"a prefix of up to {prefix} characters")
    return problems


def linear_time_problems(pattern: re.Pattern) -> list[str]:
    return _problems(sre_parse.parse(pattern.pattern, pattern.flags), may_end_unbounded=True)


@pytest.mark.parametrize("name", list(SCANNERS))
def test_every_scanner_over_member_text_has_the_linear_form(name):
    assert linear_time_problems(SCANNERS[name]) == []


@pytest.mark.parametrize(
    "pattern",
    [
        r"@\[[^\]]*\]|@\S+",  # the mention stripper that rescanned the text once per "@["
        r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # the former email pattern
        r"\+?\(?\d(?:[\d\s().-]*\d)?(?!\w)",  # the former phone pattern
        r"^(a+)+$",
    ],
)
def test_the_check_rejects_patterns_that_backtrack(pattern):
    assert linear_time_problems(re.compile(pattern)) != []


ADVERSARIAL = ["@[ " * 5400, "`a" * 8000, "http://" * 2300, "1-" * 8000, "a" * 16000, "ʻ" * 16000]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_the_scanners_handle_adversarial_16_kb_texts(text):
    assert len(text) >= 16000
    content_language.detect(text)
    search_text.snippet(text, ["a"])
    search_text.query_stems(text)
    kinds, steps = personal_details.scan_personal_details(text)
    assert steps <= 12 * len(text)
