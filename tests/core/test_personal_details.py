import pytest

from chat import demo as chat_demo
from core import personal_details
from core.personal_details import ADDRESS, EMAIL, ID_NUMBER, PERSON, PHONE, find_personal_details, scan_personal_details
from forum import demo as forum_demo
from resources import demo as resources_demo
from tests.core import personal_details_corpus as corpus


@pytest.mark.parametrize(
    "text",
    [
        "Call her on +7 701 123 45 67",
        "8 (701) 123-45-67",
        "0555 12 34 56",
        "+996555123456",
        "+998 90 123 45 67",
        "87011234567",
        "+992 93 123 4567",
    ],
)
def test_phone_numbers_in_the_regions_formats_are_found(text):
    assert find_personal_details(text) == [PHONE]


@pytest.mark.parametrize("text", ["IIN 900101300123", "passport N12345678", "паспорт AB 1234567"])
def test_id_like_numbers_are_found(text):
    assert find_personal_details(text) == [ID_NUMBER]


@pytest.mark.parametrize(
    "text", ["write to aigul.k+work@example.kz", "Write to the coordinator: office@crisis-centre.kz"]
)
def test_email_addresses_are_found(text):
    assert find_personal_details(text) == [EMAIL]


def test_every_kind_is_listed_once_in_a_fixed_order():
    text = "a@b.org, +7 701 123 45 67, 900101300123, +996 555 123 456"
    assert find_personal_details(text) == [PHONE, ID_NUMBER, EMAIL]


@pytest.mark.parametrize(
    "text",
    [
        "Meeting on 2024-01-15 at 10:00",
        "Deadline 15.01.2024",
        "A budget of 10 000 000 som",
        "Data from 1995-2005",
        "The national hotline is 150",
        "Article 120 of the code",
        "",
    ],
)
def test_dates_amounts_and_short_numbers_are_not_flagged(text):
    assert find_personal_details(text) == []


def test_hostile_input_is_handled_quickly():
    # A long run of separators must not make the patterns backtrack for ever.
    assert find_personal_details("1 " * 5000 + "x") == []
    assert find_personal_details("-" * 20000) == []


# Addresses and people, in every script the interface is written in.


@pytest.mark.parametrize(
    "text",
    ["ул. Абая 15, кв. 32", "Rudaki avenue 45, apartment 7", "Navoiy koʻchasi, 12-uy", "کارته ۳، کوچه ۵، خانه ۷"],
)
def test_street_addresses_are_found(text):
    assert find_personal_details(text) == [ADDRESS]


def test_a_survivor_named_with_age_and_village_is_found():
    text = "Survivor Gulnara Karimova, 23, from Osh, village Nariman, house 12"
    assert find_personal_details(text) == [ADDRESS, PERSON]


@pytest.mark.parametrize(
    "text",
    ["Gulnara Karimova from Osh", "Айгуль Сапарова, 31, обратилась", "خانم گلالی احمدی، ۲۳ ساله، از هرات"],
)
def test_a_person_named_with_an_age_or_a_place_is_found(text):
    assert find_personal_details(text) == [PERSON]


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Nodira Karimova wrote the guidance",
        "The house rules are on page 3",
        "A survivor, 23, from a rural district",
        "Дом, в котором находится приют, отремонтировали",
    ],
)
def test_names_without_age_or_place_and_houses_without_numbers_are_not_flagged(text):
    assert find_personal_details(text) == []


# The measured corpus: at least 50 texts per script, the share caught and the share of the
# demo posts wrongly flagged recorded here, so a change that loses either shows up.

CAUGHT_AT_LEAST = {"latin": 1.0, "cyrillic": 1.0, "arabic": 1.0}
HARD_NEGATIVES_FLAGGED_AT_MOST = {"latin": 0.0, "cyrillic": 0.0, "arabic": 0.0}
DEMO_POSTS_FLAGGED_AT_MOST = 0.0


def _share(hits, total):
    return round(hits / total, 3) if total else 0.0


@pytest.mark.parametrize("script", ["latin", "cyrillic", "arabic"])
def test_the_corpus_of_each_script_is_caught_at_its_recorded_share(script):
    cases = {"latin": corpus.LATIN, "cyrillic": corpus.CYRILLIC, "arabic": corpus.ARABIC}[script]
    assert len(cases) >= 50
    positives = [(text, kind) for text, kind in cases if kind]
    negatives = [text for text, kind in cases if not kind]
    caught = [text for text, kind in positives if kind in find_personal_details(text)]
    flagged = [text for text in negatives if find_personal_details(text)]
    assert _share(len(caught), len(positives)) >= CAUGHT_AT_LEAST[script], {t for t, _ in positives} - set(caught)
    assert _share(len(flagged), len(negatives)) <= HARD_NEGATIVES_FLAGGED_AT_MOST[script], flagged


def _demo_posts():
    for _category, _country, _author, title, body, _tags, _warning, replies in forum_demo.THREADS:
        yield title
        yield body
        yield from (reply for _email, reply in replies)
    for lines in (chat_demo.REGIONAL, chat_demo.COUNTRY_KZ, chat_demo.PRIVATE, chat_demo.DIRECT):
        yield from (body for _email, body in lines)
    for resource in resources_demo.DEMO_RESOURCES:
        yield "\n".join(resource.get(field, "") for field in ("title", "summary", "description"))


def test_ordinary_demo_posts_are_wrongly_flagged_at_most_at_the_recorded_share():
    posts = list(_demo_posts())
    assert len(posts) >= 20
    flagged = [post for post in posts if find_personal_details(post)]
    assert _share(len(flagged), len(posts)) <= DEMO_POSTS_FLAGGED_AT_MOST, flagged


# No input can stall a worker: the scan's steps grow with the text, never with its square.

ADVERSARIAL = [
    "1-" * 8000,
    "1 " * 8000,
    "@[ " * 5400,
    "a@" * 8000,
    "a." * 8000,
    "+(" * 8000,
    "(1" * 8000,
    "1" * 16000,
    "Aa " * 5400,
    "ул " * 5400,
    "house 1 " * 2000,
    "Gulnara Karimova, " * 900,
    "a-" * 8000 + "@",
    "a@b-" * 4000,
    "@" + "a-" * 8000,
    "x" * 16000 + "@",
    "-" * 16000,
    "۱-" * 8000,
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_adversarial_16_kb_texts_take_a_number_of_steps_linear_in_their_length(text):
    assert len(text) >= 16000
    _kinds, steps = scan_personal_details(text)
    assert steps <= 12 * len(text)


def test_the_tokenizer_alternatives_are_single_character_classes_so_it_cannot_backtrack():
    # Each alternative is one class, either repeated or single: a match ends where its run ends.
    alternatives = personal_details.TOKEN_RE.pattern.split("|")
    assert [alt.endswith("]+") or alt.endswith("\\s+") or alt.endswith("]") for alt in alternatives] == [True] * 3
    assert all(alt.count("[") <= 1 and "(" not in alt and "*" not in alt for alt in alternatives)
