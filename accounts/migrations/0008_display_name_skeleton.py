"""Display names become unique by look-alike skeleton.

Existing accounts whose names already look alike keep their accounts: the one who joined first
keeps the name, each later one gets a numbered suffix ("Aiza (2)") that they can change on
their profile. A copy of the skeleton function lives here because migrations never import
application code; it must give the same keys as accounts.names.name_skeleton.
"""

import unicodedata

from confusable_homoglyphs import confusables
from django.db import migrations, models

FORBIDDEN = {"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"}


def _prototypes():
    parent = {}

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


def _skeleton_function():
    prototypes = _prototypes()

    def mapped(text):
        return "".join(prototypes.get(char, char) for char in unicodedata.normalize("NFD", text))

    def skeleton(name):
        text = unicodedata.normalize("NFKC", name or "")
        text = "".join(c for c in text if unicodedata.category(c) not in FORBIDDEN and not c.isspace())
        return mapped(mapped(text).casefold())[:255]

    return skeleton


def _search_key(name):
    return " ".join(unicodedata.normalize("NFKC", name or "").casefold().split())[:80]


def compute_skeletons(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    skeleton = _skeleton_function()
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
        User.objects.filter(pk=user.pk).update(display_name=name, name_skeleton=key, name_search=_search_key(name))


def keep_names(apps, schema_editor):
    # The columns go away with the reverse of AddField; suffixed names stay as they are.
    pass


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_private_by_default_and_quick_exit_choice"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="name_skeleton",
            field=models.CharField(blank=True, editable=False, max_length=255),
        ),
        migrations.AddField(
            model_name="user",
            name="name_search",
            field=models.CharField(blank=True, editable=False, max_length=80),
        ),
        migrations.RunPython(compute_skeletons, keep_names),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(
                condition=models.Q(("name_skeleton", ""), _negated=True),
                fields=("name_skeleton",),
                name="display_name_not_look_alike",
            ),
        ),
    ]
