"""Keep locale_upstream/ in step with the Django and allauth strings members see.

Django and allauth ship catalogues for some of the alliance's languages only, and some of those
are partial. For each language this writes the members-facing upstream strings that no
installed upstream catalogue translates into ``locale_upstream/<locale>/LC_MESSAGES/django.po``,
keeping translations already made there. Run through ``make messages``.
"""

import gettext
import sys
from pathlib import Path

import django
import polib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Which upstream source files hold text that reaches members (forms, validation, accounts,
# two-factor, sessions, dates and sizes).
DJANGO_SOURCES = (
    "core/validators.py",
    "forms/",
    "utils/dates.py",
    "utils/timesince.py",
    "template/defaultfilters.py",
    "contrib/auth/password_validation.py",
    "contrib/auth/forms.py",
    "db/models/fields/__init__.py",
    "db/models/base.py",
)
ALLAUTH_SOURCES = (
    "account/",
    "mfa/",
    "usersessions/",
    "templates/account/",
    "templates/mfa/",
    "templates/usersessions/",
    "templates/allauth/",
)


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip
_MONTHS_ABBREV = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
_SIZES = {(None, "%(size)d byte"), (None, "%s KB"), (None, "%s MB"), (None, "%s GB"), (None, "%s TB"), (None, "%s PB")}

# Upstream translations that read wrongly. The supplement carries corrected ones, and wins
# because LOCALE_PATHS come before Django's own catalogues. Kyrgyz: "from now" said "before
# from now", counts were glued to their words ("5мүнөт мурда"), a password rule had a double
# space, bytes were "бит" (bits) and
# the larger units spelt out. Uzbek: "776bayt". Dari falls back to Persian, whose month names
# are Iran's ("دسامبر"); Afghan usage is "دسمبر". Dari sizes said "MB" in Latin letters.
CORRECTED = {
    "ky": {
        (None, "%(delta)s from now"),
        (None, "a second ago"),
        (None, "a second from now"),
        (None, "a minute ago"),
        (None, "a minute from now"),
        (None, "an hour ago"),
        (None, "an hour from now"),
        (None, "Your password must contain at least %(min_length)d character."),
    }
    | _SIZES,
    "uz": {(None, "%(size)d byte")},
    "fa_AF": {(None, month) for month in _MONTHS}
    | {("alt. month", month) for month in _MONTHS}
    | {("abbrev. month", month) for month in _MONTHS_ABBREV}
    | {(None, month[:3].lower()) for month in _MONTHS}
    | _SIZES,
}


def upstream_catalogues():
    import allauth

    django_root = Path(django.__file__).parent
    yield django_root / "conf/locale", DJANGO_SOURCES, ""
    yield django_root / "contrib/auth/locale", DJANGO_SOURCES, "contrib/auth/"
    yield django_root / "contrib/humanize/locale", ("contrib/humanize/",), "contrib/humanize/"
    yield Path(allauth.__file__).parent / "locale", ALLAUTH_SOURCES, ""


def wanted_entries():
    """The English upstream entries members can meet, keyed by (context, msgid)."""
    entries = {}
    for localedir, prefixes, strip in upstream_catalogues():
        english = localedir / "en/LC_MESSAGES/django.po"
        for entry in polib.pofile(str(english)):
            # Django's own catalogues name paths from the package root; allauth's too.
            paths = [path if path.startswith(strip) else strip + path for path, _ in entry.occurrences]
            if any(path.startswith(prefixes) for path in paths):
                entries.setdefault((entry.msgctxt, entry.msgid), entry)
    return entries


def translated_upstream(locale: str, localedir: Path) -> set:
    done = set()
    # Fall back as gettext does (fa_AF to fa), but never across scripts (uz_Cyrl is not uz).
    candidates = [locale] if "_" in locale and len(locale.split("_")[1]) == 4 else gettext._expand_lang(locale)
    for candidate in candidates:
        path = localedir / candidate / "LC_MESSAGES/django.po"
        if path.exists():
            for entry in polib.pofile(str(path)):
                if entry.translated():
                    done.add((entry.msgctxt, entry.msgid))
    return done


def main() -> None:
    from django.conf import settings
    from django.utils.translation import to_locale

    wanted = wanted_entries()
    for code, _name in settings.LANGUAGES:
        if code == "en":
            continue
        locale = to_locale(code)
        covered = set()
        for localedir, _prefixes, _strip in upstream_catalogues():
            covered |= translated_upstream(locale, localedir)
        corrected = CORRECTED.get(locale, set())
        missing = {key: entry for key, entry in wanted.items() if key not in covered or key in corrected}
        target = ROOT / "locale_upstream" / locale / "LC_MESSAGES" / "django.po"
        if not missing:
            if target.exists():
                target.unlink()
                target.with_suffix(".mo").unlink(missing_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        old = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(target))} if target.exists() else {}
        ours = polib.POFile(wrapwidth=0)
        previous_metadata = polib.pofile(str(target)).metadata if target.exists() else {}
        ours.metadata = previous_metadata | {
            "Project-Id-Version": "Alliance Hub (upstream supplement)",
            "Language": locale,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": PLURAL_FORMS.get(locale.split("_")[0], "nplurals=2; plural=(n != 1);"),
        }
        for key in sorted(missing, key=lambda k: (k[0] or "", k[1])):
            source = missing[key]
            entry = polib.POEntry(
                msgctxt=source.msgctxt,
                msgid=source.msgid,
                msgid_plural=source.msgid_plural,
                occurrences=source.occurrences[:3],
                flags=[f for f in source.flags if f.endswith("-format")],
            )
            if source.msgid_plural:
                entry.msgstr_plural = {0: "", 1: ""}
            previous = old.get(key)
            if previous is not None:
                entry.msgstr = previous.msgstr
                if previous.msgstr_plural:
                    entry.msgstr_plural = previous.msgstr_plural
            ours.append(entry)
        ours.save(str(target))
        print(f"{target.relative_to(ROOT)}: {len(ours)} strings, {len(ours.untranslated_entries())} to translate")


PLURAL_FORMS = {
    "fa": "nplurals=2; plural=(n > 1);",
    "ps": "nplurals=2; plural=(n != 1);",
}

if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    main()
