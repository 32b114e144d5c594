"""Look-alike skeletons also ignore accents, blank letters (fillers, the braille blank,
variation selectors), letters drawn as small capitals and digits that pass for letters.

Every skeleton is computed again with the rules of accounts.names.name_skeleton, copied here
because migrations never import application code (the look-alike classes come from 0008).
As in 0008, whoever joined first keeps a name that now collides; a later one gets a numbered
suffix they can change.
"""

import importlib
import re
import unicodedata

from django.db import migrations

FORBIDDEN = {"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"}
BLANK_CHARACTERS = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f\u2800\u3164\uffa0")
LETTER_FORMS = re.compile(
    r"^(?:LATIN LETTER SMALL CAPITAL|MODIFIER LETTER (?:SMALL |CAPITAL )?|"
    r"(?:SUPERSCRIPT|SUBSCRIPT) LATIN (?:SMALL |CAPITAL )?LETTER) ?([A-Z])$"
)
DIGIT_LOOK_ALIKES = str.maketrans("013457", "oleast")


def _dropped(char):
    code = ord(char)
    return (
        unicodedata.category(char) in FORBIDDEN | {"Mn", "Me"}
        or char in BLANK_CHARACTERS
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or char.isspace()
    )


def _plain_letter(char):
    match = LETTER_FORMS.match(unicodedata.name(char, ""))
    return match.group(1).lower() if match else char


def _skeleton_function():
    prototypes = importlib.import_module("accounts.migrations.0008_display_name_skeleton")._prototypes()

    def skeleton(name):
        text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", name or ""))
        text = "".join(_plain_letter(char) for char in text if not _dropped(char)).casefold()
        for _round in range(3):
            text = "".join(prototypes.get(char, char) for char in text).casefold().translate(DIGIT_LOOK_ALIKES)
        return text.replace("i", "l")[:255]

    return skeleton


def compute_skeletons(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    skeleton = _skeleton_function()
    # Cleared first: the unique constraint leaves empty skeletons out.
    User.objects.update(name_skeleton="")
    taken = set()
    for user in User.objects.order_by("date_joined", "id").only("id", "display_name"):
        name = user.display_name
        key = skeleton(name)
        number = 1
        while key and key in taken:
            number += 1
            name = f"{user.display_name[:72]} ({number})"
            key = skeleton(name)
        taken.add(key)
        User.objects.filter(pk=user.pk).update(display_name=name, name_skeleton=key)


def previous_skeletons(apps, schema_editor):
    importlib.import_module("accounts.migrations.0008_display_name_skeleton").compute_skeletons(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0009_user_last_visit_at"),
    ]

    operations = [
        migrations.RunPython(compute_skeletons, previous_skeletons),
    ]
