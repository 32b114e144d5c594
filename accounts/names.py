"""Display names that cannot pass for someone else's.

A name is normalised (NFKC, single spaces), refused when it carries control, zero-width or
bidi-override characters, and compared with everyone else's by a confusable skeleton in the
spirit of Unicode UTS #39: "Аiza" with a Cyrillic "А" and "aiza" are the same name. The
confusables data comes from ``confusable-homoglyphs`` (Unicode's confusables.txt, kept in
step with Unicode releases) so it is not hand-maintained here.
"""

import functools
import re
import unicodedata

from confusable_homoglyphs import confusables
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

NAME_MIN, NAME_MAX = 2, 80
SKELETON_MAX = 255

# Words that make a name read as an official role, in the interface languages. Compared by
# skeleton, so look-alike letters do not get around them.
RESERVED_WORDS = (
    # English
    "moderator",
    "admin",
    "administrator",
    "support",
    "staff",
    "official",
    "helpdesk",
    "secretariat",
    "alliancehub",
    "секретариат",
    # Russian, Kyrgyz, Tajik and Uzbek in Cyrillic
    "модератор",
    "администратор",
    "админ",
    "поддержка",
    "служба",
    "колдоо",
    "маъмур",
    "дастгирӣ",
    # Kazakh
    "әкімші",
    "қолдау",
    # Uzbek (Latin), Turkmen
    "moderatsiya",
    "qo'llab",
    "yordam",
    "goldaw",
    "dolandyryjy",
    # Dari and Pashto
    "مدیر",
    "ناظر",
    "پشتیبانی",
    "ملاتړ",
    "اداره",
)
# Short words are matched as the start of a word only ("admin1" yes, "badminton" no).
_SHORT = 6


# Characters that draw nothing or a blank although Unicode counts them as letters or marks:
# the combining grapheme joiner, Hangul and Khmer fillers, Mongolian selectors, the braille
# blank; variation selectors are ranges (below).
BLANK_CHARACTERS = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f\u2800\u3164\uffa0")


def _is_forbidden_char(char: str) -> bool:
    # Cc: controls and line breaks; Cf: zero-width and bidi controls; Zl/Zp: line and
    # paragraph separators; Co/Cs/Cn: private use, surrogates and unassigned code points.
    code = ord(char)
    return (
        unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"}
        or char in BLANK_CHARACTERS
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
    )


@functools.cache
def _prototypes() -> dict[str, str]:
    """Each confusable character mapped to one representative of its class of look-alikes
    (an ASCII character when the class has one), so equal skeletons mean look-alike text."""
    parent: dict[str, str] = {}

    def find(char):
        parent.setdefault(char, char)
        while parent[char] != char:
            parent[char] = parent[parent[char]]
            char = parent[char]
        return char

    def rank(char):
        return (not char.isascii(), ord(char))

    for char, homoglyphs in confusables.confusables_data.items():
        for glyph in homoglyphs:
            other = glyph["c"]
            if len(char) != 1 or len(other) != 1:
                continue
            a, b = find(char), find(other)
            if a != b:
                if rank(b) < rank(a):
                    a, b = b, a
                parent[b] = a
    # A Cyrillic capital and its small letter are one letter ("М" and "м"), so a name cannot
    # differ from a staff word or another name by case alone; unless that would make two
    # different Latin letters one ("І" looks like "l", "і" like "i").
    for char in list(parent):
        small = char.casefold()
        if "\u0400" <= char <= "\u04ff" and len(small) == 1 and small != char:
            a, b = find(char), find(small)
            if a.isascii() and b.isascii() and a.casefold() != b.casefold():
                continue
            if a != b:
                if rank(b) < rank(a):
                    a, b = b, a
                parent[b] = a
    return {char: find(char) for char in parent}


# Letters drawn as small capitals or raised ("ᴍᴏᴅ", "ᵃ") are the letter itself; digits that
# pass for letters ("M0derator", "Adm1n") too.
_LETTER_FORMS = re.compile(
    r"^(?:LATIN LETTER SMALL CAPITAL|MODIFIER LETTER (?:SMALL |CAPITAL )?|"
    r"(?:SUPERSCRIPT|SUBSCRIPT) LATIN (?:SMALL |CAPITAL )?LETTER) ?([A-Z])$"
)
DIGIT_LOOK_ALIKES = str.maketrans("013457", "oleast")


def _plain_letter(char: str) -> str:
    match = _LETTER_FORMS.match(unicodedata.name(char, ""))
    return match.group(1).lower() if match else char


def name_skeleton(name: str) -> str:
    """The look-alike key of a name: case, width, spacing, accents, blank characters and
    confusable letters removed, so two names that read alike have one key."""
    prototypes = _prototypes()
    text = unicodedata.normalize("NFKC", name or "")
    text = unicodedata.normalize("NFD", text)
    text = "".join(
        _plain_letter(char)
        for char in text
        if not _is_forbidden_char(char) and not char.isspace() and unicodedata.category(char) not in ("Mn", "Me")
    )
    # Folding and mapping until nothing changes: "I" looks like "l" but folds to "i".
    text = text.casefold()
    for _round in range(3):
        text = "".join(prototypes.get(char, char) for char in text).casefold().translate(DIGIT_LOOK_ALIKES)
    return text.replace("i", "l")[:SKELETON_MAX]


def name_search_key(name: str) -> str:
    """What the member picker matches against: any part of the name, in any script, without
    regard to case (SQLite's LIKE folds ASCII only)."""
    return " ".join(unicodedata.normalize("NFKC", name or "").casefold().split())


def _reserved(skeleton_words: list[str], joined: str) -> bool:
    for word in RESERVED_WORDS:
        key = name_skeleton(word)
        if len(word) >= _SHORT:
            if key in joined:
                return True
        elif any(part.startswith(key) for part in skeleton_words):
            return True
    return False


def display_name_clean(name: str, *, user=None) -> str:
    """Normalise a display name and check it, for every form that sets one. ``user`` is the
    account being named: its own current name is not a collision, and staff words are allowed
    when it is a moderator or admin. Raises ValidationError."""
    from .models import Role, User

    name = unicodedata.normalize("NFKC", name or "")
    if any(_is_forbidden_char(char) for char in name) or any(c.isspace() and c != " " for c in name):
        raise ValidationError(
            _(
                "Please use only visible letters, digits, spaces and punctuation: no line breaks or invisible characters."
            ),
            code="invisible_characters",
        )
    name = " ".join(name.split())
    if any(char in "@[]" for char in name):
        # These write mentions (@[Name]); a name made of them could not be mentioned.
        raise ValidationError(_("Please leave out the characters @, [ and ]."), code="mention_characters")
    if len(name) < NAME_MIN:
        raise ValidationError(_("Please use at least %(min)d characters.") % {"min": NAME_MIN}, code="name_too_short")
    if len(name) > NAME_MAX:
        raise ValidationError(
            _("Please keep the name under %(max)d characters.") % {"max": NAME_MAX}, code="name_too_long"
        )
    skeleton = name_skeleton(name)
    if not any(char.isalnum() for char in skeleton):
        raise ValidationError(_("Please use at least one letter or digit."), code="name_no_letters")
    # The role held, not the powers of this session: a moderator's name is theirs even
    # before the second factor.
    is_staff = bool(user is not None and user.pk and user.is_active_member and user.has_role(Role.MODERATOR))
    if not is_staff:
        words = [name_skeleton(part) for part in _split_words(name)]
        if _reserved(words, skeleton):
            raise ValidationError(
                _(
                    "Names that suggest a role in the alliance's team (such as moderator or support) are kept for the team."
                ),
                code="reserved_name",
            )
    taken = User.objects.filter(name_skeleton=skeleton)
    if user is not None and user.pk is not None:
        taken = taken.exclude(pk=user.pk)
    if taken.exists():
        raise ValidationError(
            _("This name is taken or looks too much like another member's name. Please choose another."),
            code="name_taken",
        )
    return name


def _split_words(name: str) -> list[str]:
    words, current = [], []
    for char in name:
        if char.isalnum() or unicodedata.category(char).startswith("M") or char == "'":
            current.append(char)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


# Email domains -------------------------------------------------------------------------------


def _domain_labels(domain: str) -> list[str] | None:
    """The labels of a domain as people read them (punycode decoded), or None when a label
    does not decode: such a domain is itself suspicious."""
    labels = []
    for label in (domain or "").strip(".").lower().split("."):
        if label.startswith("xn--"):
            try:
                label = label.encode("ascii").decode("idna")
            except UnicodeError:
                return None
        labels.append(unicodedata.normalize("NFKC", label))
    return labels


def email_domain(email: str) -> str:
    return (email or "").rpartition("@")[2].strip().lower()


def email_domain_warning(domain: str, known_domains: set[str]) -> str:
    """Why an applicant's email domain may imitate a member organisation's, or "" when it
    does not: letters from several scripts in one label, a punycode label that does not
    decode, or a domain that looks like (but is not) one members already use."""
    labels = _domain_labels(domain)
    if labels is None:
        return _("The address uses an encoded domain name that does not decode.")
    if any(confusables.is_mixed_script(label) for label in labels):
        return _("The domain mixes letters from different alphabets (%(domain)s).") % {"domain": ".".join(labels)}
    readable = ".".join(labels)
    key = name_skeleton(readable)
    for known in sorted(known_domains):
        known_labels = _domain_labels(known)
        if known_labels is None:
            continue
        known_readable = ".".join(known_labels)
        if known_readable != readable and name_skeleton(known_readable) == key:
            return _("The domain %(domain)s looks like %(known)s, which members already use.") % {
                "domain": readable,
                "known": known_readable,
            }
    return ""
