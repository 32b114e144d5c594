"""A gentle check before posting: does a text look like it carries personal details (a phone
number, an ID or passport number, an email address, a street address, a person named together
with their age or where they live)? It only asks the author to look again;
it never blocks, because hotline numbers and organisation addresses are legitimate content.

The check sits in the composers (forms, the chat WebSocket) rather than in the services: it is
a question to the person typing, and commands, seed data and imports must not stop on it.
"""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

PHONE, ID_NUMBER, EMAIL, ADDRESS, PERSON = "phone", "id_number", "email", "address", "person"
KINDS = (PHONE, ID_NUMBER, EMAIL, ADDRESS, PERSON)
KIND_LABELS = {
    PHONE: _("a phone number"),
    ID_NUMBER: _("an ID-like number (national ID, passport or similar)"),
    EMAIL: _("an email address"),
    ADDRESS: _("a street address"),
    PERSON: _("a person named together with their age or where they live"),
}

# No text may stall a worker, so the scan is linear on any input. One regular expression cuts
# the text into tokens: a run of word characters, a run of spaces, or one other character.
# Each alternative is a single character class, so a match ends where its run ends and
# nothing is ever tried twice. Everything else walks the tokens with a bounded look-ahead and
# counts its steps (tests bound the count). Apostrophes belong to words (Uzbek "ko'chasi"),
# and so does U+200C, the joiner inside Dari and Pashto words.
_WORD_CHARS = "\\w'ʻʼ‘’\u200c"
TOKEN_RE = re.compile(f"[{_WORD_CHARS}]+|\\s+|[^{_WORD_CHARS}\\s]")
_APOSTROPHES = "'ʻʼ‘’"
# Longer texts are refused by the forms' own length limits before this runs; the cap keeps a
# caller that forgot one from scanning without end.
MAX_SCAN_CHARS = 200_000


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A number next to one of these words is part of an address, in every interface language.
ADDRESS_WORDS = _words(
    """
    street str st avenue ave road rd lane boulevard blvd apartment apt flat house bldg building
    microdistrict
    улица ул улице проспект просп пр переулок пер бульвар шоссе проезд дом д квартира кв корпус
    корп строение микрорайон мкр мкрн
    көшесі көше көшесінде даңғылы даңғыл үй үйі пәтер пәтері ықшамаудан шағынаудан
    көчөсү көчө көчөсүндө проспектиси батир батири
    кӯча кӯчаи кучаи куча хиёбон хиёбони хонаи хонадон бинои
    ko'cha ko'chasi kocha kochasi koʻcha koʻchasi ko‘cha ko‘chasi uy uyi xonadon kvartira mavze
    massiv
    кўча кўчаси уй уйи хонадони мавзе мавзеси
    köçe köçesi şaýoly jaý jaýy öý öýi kwartira mikroraýon
    خیابان کوچه سرک سړک جاده خانه منزل آپارتمان اپارتمان پلاک ناحیه کارته
    کوڅه واټ کور مکروریان
    """
)
# The street words that follow a name in English and Turkmen: "45 Rudaki Avenue".
STREET_WORDS = _words("street st avenue ave road rd lane boulevard blvd köçe köçesi şaýoly")
# What may stand between an address word and its number: "house No. 12", "дом № 5".
NUMBER_SIGNS = _words("no nr номер شماره شمېره نمبر") | frozenset("№#:.,")
# Words for a person in a case; a name after them makes the text point at someone.
PERSON_WORDS = _words(
    """
    survivor victim woman girl client mrs ms mr miss
    пострадавшая пострадавший жертва женщина девушка клиентка гражданка
    жәбірленуші әйел қыз жабырлануучу аял кыз зан духтар ҷабрдида
    ayol qiz jabrlanuvchi аёл қиз жабрланувчи aýal gyz
    خانم آقای بی‌بی بانو قربانی بازمانده زن دختر مېرمن ښاغلی ښځه نجلۍ قرباني
    """
)
# Words that say where someone comes from or lives: "from Osh", "из Оша", "village Nariman".
PLACE_WORDS = _words(
    """
    from village town city district region
    из село селе деревня аул ауыл ауылы айыл айылы кишлак
    аз деҳа деҳаи деха шаҳри ноҳияи
    qishloq qishlog'i qishlogʻi mahalla tumani shahar қишлоқ қишлоғи маҳалла тумани
    obasy etrapy şäher
    از روستای روستا قریه قریهٔ ولسوالی ولایت کلی کلي
    """
)
# Words after a number that make it an age: "23 years old", "23 лет", "23 ёш", "۲۳ ساله".
AGE_WORDS = _words(
    """
    year years yo лет года год летняя летний жаста жастағы жашта жаштагы жаштагы сола сола
    ёш ёшли ёшда yosh yoshli yoshda ýaşly ýaşynda ساله سال کلنه کلن کلنې کاله
    """
)
# Capitalised words that open sentences or name institutions rather than people.
NOT_NAMES = _words(
    """
    the a an our we in on at for from and or of to with this that these those there their they
    legal crisis centre center hotline ministry court women unicef alliance national regional
    dear hello thanks thank please good yes no
    """
)
_SEPARATORS = frozenset(",،;:()—–-")
_JOINERS = frozenset("().-")
_AGE_ENDS = frozenset(",،;)")
_MAX_AGE = 110
_LOOKAHEAD = 6

# Dates and ranges of years are not personal details: 2024-01-15, 15.01.2024, 1995-2005.
DATE_RE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$|^\d{4}\s?[-–]\s?\d{4}$")
# Local phone formats: Kazakhstan 8 7xx …, Kyrgyzstan and Tajikistan 0xxx …, Uzbekistan 9x …
LOCAL_PHONE_RE = re.compile(r"^(?:8\d{10}|0\d{8,9}|9\d{8})$")


def _kind_of_number(raw: str) -> str | None:
    # Digits of any script as ASCII: Dari and Pashto are often written with "۰۷۰۰".
    digits = "".join(str(unicodedata.digit(char, 0)) for char in raw if char.isdigit())
    if raw.startswith("+"):
        return PHONE if 8 <= len(digits) <= 15 else None
    if len(raw) <= 15 and DATE_RE.match(raw):
        return None
    if any(char.isspace() or char in _JOINERS for char in raw):
        # "8 (701) 123-45-67", "0555 12 34 56", "90 123 45 67"; amounts like "10 000" are shorter.
        return PHONE if 9 <= len(digits) <= 15 else None
    if len(digits) <= 11 and LOCAL_PHONE_RE.match(digits):
        return PHONE
    # Kazakhstan's IIN has 12 digits, passports 8 or 9: any long bare run looks like an ID.
    return ID_NUMBER if len(digits) >= 8 else None


def _is_word(token: str) -> bool:
    return token[:1].isalnum() or token[:1] in _APOSTROPHES or token[:1] == "_"


def _is_cased(word: str) -> bool:
    return word[:1].lower() != word[:1].upper()


def _is_name(word: str) -> bool:
    """A capitalised word that could be a first or family name: "Gulnara", "Каримова"."""
    return (
        len(word) > 1
        and word[0].isupper()
        and word[1:].replace("-", "").replace("'", "").islower()
        and word.lower() not in NOT_NAMES
    )


class _Scan:
    """One text as tokens without the spaces, each remembering whether a space or a line break
    came before it; `steps` counts every look at a token."""

    def __init__(self, text: str):
        self.tokens: list[str] = []
        self.gaps: list[str] = []  # "" glued to the previous token, " " a space, "\n" a line break
        gap = "\n"
        for match in TOKEN_RE.finditer(text):
            token = match.group(0)
            if token.isspace():
                gap = "\n" if "\n" in token else " "
                continue
            self.tokens.append(token)
            self.gaps.append(gap)
            gap = ""
        self.steps = 0
        self.used = [False] * len(self.tokens)

    def __len__(self):
        return len(self.tokens)

    def at(self, i: int) -> str:
        self.steps += 1
        return self.tokens[i] if 0 <= i < len(self.tokens) else ""

    def gap(self, i: int) -> str:
        return self.gaps[i] if 0 <= i < len(self.gaps) else "\n"

    def word(self, i: int) -> str:
        """The token at `i` in lower case when it is a word, else ""."""
        token = self.at(i)
        return token.lower().strip(_APOSTROPHES) if _is_word(token) and not token.isdigit() else ""

    def number(self, i: int) -> bool:
        return self.at(i).isdigit()


HOST_PARTS = 32


def _email_at(scan: _Scan, i: int) -> bool:
    # name@host.tld: a word glued before "@", then a word, a dot and a word glued after it.
    if scan.at(i) != "@" or not _is_word(scan.at(i - 1)) or scan.gap(i):
        return False
    if not _is_word(scan.at(i + 1)) or scan.gap(i + 1):
        return False
    # The host: words glued by "-" or ".", with at least one dot ("crisis-centre.kz"). A host
    # has at most a few dozen parts, so the look is bounded whatever follows.
    j, dotted = i + 2, False
    while j < i + 2 + 2 * HOST_PARTS and scan.at(j) in ".-" and not scan.gap(j):
        if not _is_word(scan.at(j + 1)) or scan.gap(j + 1):
            break
        dotted = dotted or scan.at(j) == "."
        j += 2
    if not dotted:
        return False
    # The address's own digits are not a phone or an ID: mark its parts, back to the start of
    # the name and on to the end of the host, never going over a part marked before.
    j = i - 1
    while j >= 0 and not scan.used[j] and (_is_word(scan.at(j)) or scan.at(j) in ".+-") and scan.gap(j + 1) == "":
        scan.used[j] = True
        j -= 1
    j = i
    while j < len(scan) and not scan.used[j] and (j == i or _is_word(scan.at(j)) or scan.at(j) in ".-"):
        scan.used[j] = True
        j += 1
        if scan.gap(j):
            break
    return True


def _number_at(scan: _Scan, i: int) -> str | None:
    """A run of digits with the separators people type in phone numbers, starting at `i`."""
    start = i
    if scan.at(i) == "+" and (scan.number(i + 1) or scan.at(i + 1) == "(") and not scan.gap(i + 1):
        i += 1
    if scan.at(i) == "(" and scan.number(i + 1) and not scan.gap(i + 1):
        i += 1
    if not scan.number(i) or scan.used[i]:
        return None
    if start == i and scan.gap(i) == "" and scan.at(i - 1) == "+":
        return None  # the "+" opened a run already
    parts, end = [], i
    j = i
    while True:
        scan.used[j] = True
        end = j
        k = j + 1
        # Joiners ("-", ".", brackets) and single spaces may stand between the digit groups.
        while k < len(scan) and k - j <= 3 and scan.at(k) in _JOINERS and scan.gap(k) != "\n":
            k += 1
        if k < len(scan) and scan.number(k) and not scan.used[k] and scan.gap(k) != "\n":
            j = k
            continue
        break
    for k in range(start, end + 1):
        parts.append(("" if k == start else scan.gap(k)) + scan.at(k))
    return "".join(parts)


def _document_at(scan: _Scan, i: int) -> bool:
    # As passports are written in the region: "N12345678", "AB 1234567", "паспорт AB 1234567".
    token = scan.at(i)
    letters = len(token) - len(token.lstrip("".join(c for c in token[:2] if c.isalpha())))
    if 1 <= letters <= 2 and token[:letters].isalpha() and token[letters:].isdigit() and 7 <= len(token) - letters <= 9:
        return True
    if 1 <= len(token) <= 2 and token.isalpha() and scan.gap(i + 1) == " ":
        following = scan.at(i + 1)
        return following.isdigit() and 7 <= len(following) <= 9
    return False


def _address_at(scan: _Scan, i: int) -> bool:
    word = scan.word(i)
    if word in ADDRESS_WORDS:
        # "house 12", "кв. 32", "дом № 5", "خانه ۱۲", or a street's name first: "ул. Абая 15".
        j, names = i + 1, 0
        while j < i + _LOOKAHEAD and scan.gap(j) != "\n":
            token = scan.at(j)
            if token.isdigit():
                return True
            if token.lower() in NUMBER_SIGNS:
                j += 1
                continue
            if names < 2 and _is_word(token) and (_is_name(token) or not _is_cased(token)):
                names += 1
                j += 1
                continue
            return False
        return False
    if scan.number(i) and scan.gap(i) != "" or (scan.number(i) and i == 0):
        # "12-uy", "5-мавзе", and "45 Rudaki Avenue".
        if scan.at(i + 1) == "-" and not scan.gap(i + 1) and scan.word(i + 2) in ADDRESS_WORDS:
            return True
        for j in (i + 1, i + 2, i + 3):
            if scan.gap(j) != " ":
                return False
            following = scan.at(j)
            if j > i + 1 and following.lower() in STREET_WORDS:
                return True
            if not _is_name(following):
                return False
    return False


def _name_at(scan: _Scan, i: int) -> int:
    """The index after a person's name starting at `i`, or -1: two or three capitalised words
    ("Gulnara Karimova"), or a word for a person followed by a name in any script
    ("survivor Gulnara", "قربانی گلالی احمدی")."""
    if scan.word(i) in PERSON_WORDS:
        j = i + 1
        while j < i + 4 and scan.gap(j) == " " and _is_word(scan.at(j)) and not scan.at(j).isdigit():
            token = scan.at(j)
            if (_is_cased(token) and not _is_name(token)) or token.lower() in PLACE_WORDS:
                break
            j += 1
        return j if j > i + 1 else -1
    if not _is_name(scan.at(i)) or (i > 0 and _is_name(scan.at(i - 1)) and scan.gap(i) == " "):
        return -1
    j = i + 1
    while j < i + 3 and scan.gap(j) == " " and _is_name(scan.at(j)):
        j += 1
    return j if j > i + 1 else -1


def _age_or_place_after(scan: _Scan, j: int) -> bool:
    """An age ("23", "23 years old", "۲۳ ساله") or a place ("from Osh") close after a name."""
    for k in range(j, j + _LOOKAHEAD):
        if scan.gap(k) == "\n":
            return False
        token = scan.at(k)
        if token.isdigit():
            if int(token) > _MAX_AGE or scan.gap(k + 1) == "" and scan.at(k + 1) not in _AGE_ENDS | {"-"}:
                return False
            after = scan.at(k + 1)
            if after == "-":
                return scan.word(k + 2) in AGE_WORDS
            return after in _AGE_ENDS or k + 1 >= len(scan) or scan.gap(k + 1) == "\n" or scan.word(k + 1) in AGE_WORDS
        word = scan.word(k)
        if word in PLACE_WORDS:
            if scan.word(k + 1) in PLACE_WORDS:  # "from village Chorbog"
                k += 1
            place = scan.at(k + 1)
            return _is_word(place) and not place.isdigit() and (_is_name(place) or not _is_cased(place))
        if token in _SEPARATORS or word in {"a", "an", "aged", "age", "в", "возрасте"}:
            continue
        return False
    return False


def find_personal_details(text: str) -> list[str]:
    """The kinds of personal details the text seems to contain, in a fixed order."""
    return list(scan_personal_details(text or "")[0])


def scan_personal_details(text: str) -> tuple[list[str], int]:
    """The kinds found and the number of steps the scan took (linear in the text's length)."""
    scan = _Scan(text[:MAX_SCAN_CHARS])
    found = set()
    for i in range(len(scan)):
        if scan.at(i) == "@" and _email_at(scan, i):
            found.add(EMAIL)
    for i in range(len(scan)):
        token = scan.at(i)
        if scan.used[i] or not (_is_word(token) or token in "+("):
            continue  # other punctuation starts nothing
        if not token.isdigit():
            if token[0].isalpha() and _document_at(scan, i):
                found.add(ID_NUMBER)
            if PERSON not in found:
                end = _name_at(scan, i)
                if end != -1 and _age_or_place_after(scan, end):
                    found.add(PERSON)
        if ADDRESS not in found and token not in "+(" and _address_at(scan, i):
            found.add(ADDRESS)
        raw = _number_at(scan, i) if token.isdigit() or token in "+(" else None
        if raw:
            kind = _kind_of_number(raw)
            if kind:
                found.add(kind)
    return [kind for kind in KINDS if kind in found], scan.steps


def describe(kinds) -> str:
    return ", ".join(str(KIND_LABELS[kind]) for kind in kinds)


def personal_details_error(kinds) -> ValidationError:
    return ValidationError(
        format_lazy(
            _(
                "This text seems to contain {kinds}. Please check that it does not identify a survivor "
                "or any private person. If it is fine (for example a public hotline), tick the box below "
                "and send it again."
            ),
            kinds=describe(kinds),
        ),
        code="personal_details",
    )


CONFIRM_FIELD = "personal_details_checked"
CONFIRM_LABEL = _("I have checked: this does not identify a survivor or any private person")


class PersonalDetailsCheckMixin:
    """For composer forms: if the fields in `personal_details_fields` seem to contain personal
    details, the form is shown again with a calm message and a checkbox that lets the author
    post anyway. The checkbox stays a hidden field until it is needed."""

    personal_details_fields: tuple[str, ...] = ("body",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[CONFIRM_FIELD] = forms.BooleanField(label=CONFIRM_LABEL, required=False, widget=forms.HiddenInput)
        self.personal_details_found: list[str] = []

    def clean(self):
        cleaned = super().clean()
        # A preview is for the author's eyes only; the question comes when they send.
        if self.is_bound and "preview" in self.data:
            return cleaned
        text = "\n".join(str(cleaned.get(name) or "") for name in self.personal_details_fields)
        kinds = find_personal_details(text)
        if kinds and not cleaned.get(CONFIRM_FIELD):
            self.personal_details_found = kinds
            self.fields[CONFIRM_FIELD].widget = forms.CheckboxInput()
            self.add_error(None, personal_details_error(kinds))
        return cleaned
