"""Every interface language is complete: each catalogue holds every string the code and
templates use, translated and compiled, and Django's and allauth's own strings are covered
where their catalogues lack a language (locale_upstream)."""

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.utils.translation import to_locale
from django.utils.translation.trans_real import DjangoTranslation

ROOT = Path(settings.BASE_DIR)
LOCALES = [to_locale(code) for code, _name in settings.LANGUAGES if code != "en"]
# As in the Makefile: every app (a top-level directory with apps.py) but bench keeps its own
# catalogue in <app>/locale; the root one keeps what lies outside apps (templates/, static/,
# config/).
WITHOUT_CATALOGUE = {"bench"}
APP_CATALOGUES = sorted(
    path.parent.name for path in ROOT.glob("*/apps.py") if path.parent.name not in WITHOUT_CATALOGUE
)
CATALOGUE_DIRS = ["", *APP_CATALOGUES]
CATALOGUES = sorted(
    path for path in ROOT.glob("**/locale*/*/LC_MESSAGES/*.po") if not {".venv", "staticfiles"} & set(path.parts)
)


def _ids(paths):
    return [str(p.relative_to(ROOT)) for p in paths]


def _keys(catalogue) -> set:
    return {(entry.msgctxt, entry.msgid) for entry in catalogue if not entry.obsolete}


def test_make_messages_finds_every_project_app():
    """The Makefile finds apps by their apps.py; an app without one would land in the root catalogue."""
    project_apps = {Path(config.path).name for config in apps.get_app_configs() if Path(config.path).parent == ROOT}
    assert project_apps - WITHOUT_CATALOGUE <= set(APP_CATALOGUES)
    assert re.search(r"^APP_CATALOGUES := .*\*/apps\.py", (ROOT / "Makefile").read_text(), re.M)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("directory", CATALOGUE_DIRS)
def test_every_language_has_a_catalogue_everywhere(directory, locale):
    """Once an app has a catalogue, it has one in every language (the extraction test below
    catches an app whose strings have none)."""
    if directory and not (ROOT / directory / "locale").is_dir():
        pytest.skip(f"{directory} has no catalogue yet")
    path = ROOT / directory / "locale" / locale / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: add the language to LOCALES in the Makefile"


@pytest.mark.parametrize("path", CATALOGUES, ids=_ids(CATALOGUES))
def test_every_message_is_translated(path):
    catalogue = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"untranslated in {path.relative_to(ROOT)}: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy in {path.relative_to(ROOT)}: {fuzzy[:10]}"


@pytest.mark.parametrize("path", CATALOGUES, ids=_ids(CATALOGUES))
def test_the_compiled_catalogue_matches_its_source(path):
    compiled = path.with_suffix(".mo")
    assert compiled.exists(), f"{compiled} is missing: run make messages"
    source = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in polib.pofile(str(path))
        if not e.obsolete
    }
    binary = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in polib.mofile(str(compiled))
    }
    stale = sorted(str(key[1]) for key in source if source[key] != binary.get(key))
    assert not stale, f"{compiled.name} is out of date for: {stale[:10]} (run make messages)"


@pytest.mark.parametrize("path", CATALOGUES, ids=_ids(CATALOGUES))
def test_placeholders_survive_translation(path):
    """msgfmt's own check: python-format placeholders match between msgid and msgstr."""
    if not shutil.which("msgfmt"):
        pytest.skip("gettext is not installed")
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", "/dev/null", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[:2000]


# What the code uses ---------------------------------------------------------------------------

SOURCE_IGNORES = {".venv", "staticfiles", "media", "node_modules", ".git", ".pytest_cache", "__pycache__"}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The strings the code and templates use, per catalogue directory and domain, extracted by
    makemessages from a copy of the source tree (the repository's catalogues stay untouched)."""
    if not shutil.which("xgettext"):
        pytest.skip("gettext is not installed")
    copy = tmp_path_factory.mktemp("source") / "tree"
    shutil.copytree(
        ROOT,
        copy,
        ignore=lambda directory, names: [
            n for n in names if n in SOURCE_IGNORES or n.startswith("locale") or n.endswith((".mo", ".po", ".sqlite3"))
        ],
    )
    jobs = []
    for directory in CATALOGUE_DIRS:
        workdir = copy / directory
        (workdir / "locale").mkdir(exist_ok=True)
        ignores = ["tests/*", "bench/*", "scripts/*"]
        if not directory:
            ignores += [f"{app}/*" for app in CATALOGUE_DIRS if app]
        jobs += [(str(workdir), domain, ignores) for domain in ("django", "djangojs")]
    # One Django process runs every extraction (starting Django for each took most of the time).
    script = (
        "import json, os, sys, django\n"
        "from django.core.management import call_command\n"
        "django.setup()\n"
        "for workdir, domain, ignores in json.loads(sys.argv[1]):\n"
        "    os.chdir(workdir)\n"
        "    call_command('makemessages', domain=domain, locale=['en'], ignore_patterns=ignores, verbosity=0)\n"
    )
    subprocess.run(
        [sys.executable, "-c", script, json.dumps(jobs)],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings", "PYTHONPATH": str(copy)},
    )
    found = {}
    for directory in CATALOGUE_DIRS:
        for domain in ("django", "djangojs"):
            path = copy / directory / "locale/en/LC_MESSAGES" / f"{domain}.po"
            found[(directory, domain)] = _keys(polib.pofile(str(path))) if path.exists() else set()
    return found


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("directory", CATALOGUE_DIRS)
def test_no_catalogue_misses_a_string_the_code_uses(extracted, directory, locale):
    for domain in ("django", "djangojs"):
        used = extracted[(directory, domain)]
        if not used:
            continue
        path = ROOT / directory / "locale" / locale / "LC_MESSAGES" / f"{domain}.po"
        assert path.exists(), f"{path.relative_to(ROOT)} is missing (run make messages)"
        missing = sorted(msgid for _context, msgid in used - _keys(polib.pofile(str(path))))
        assert not missing, f"{path.relative_to(ROOT)} lacks {len(missing)} strings (run make messages): {missing[:8]}"


def _upstream_script():
    spec = importlib.util.spec_from_file_location("upstream_messages", ROOT / "scripts/upstream_messages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("locale", LOCALES)
def test_django_and_allauth_strings_are_covered_in_every_language(locale):
    upstream = _upstream_script()
    covered = set()
    for localedir, _prefixes, _strip in upstream.upstream_catalogues():
        covered |= upstream.translated_upstream(locale, localedir)
    supplement = ROOT / "locale_upstream" / locale / "LC_MESSAGES" / "django.po"
    if supplement.exists():
        covered |= {(e.msgctxt, e.msgid) for e in polib.pofile(str(supplement)) if e.translated()}
    missing = sorted(msgid for _context, msgid in set(upstream.wanted_entries()) - covered)
    assert not missing, f"{locale} lacks {len(missing)} Django/allauth strings (run make messages): {missing[:8]}"


# What members read ----------------------------------------------------------------------------


def _project_translations(locale: str, domain: str) -> dict:
    """Every translation the project's catalogues give, by the key gettext looks up."""
    found = {}
    for directory in CATALOGUE_DIRS:
        path = ROOT / directory / "locale" / locale / "LC_MESSAGES" / f"{domain}.po"
        if not path.exists():
            continue
        for entry in polib.pofile(str(path)).translated_entries():
            key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
            forms = set(entry.msgstr_plural.values()) if entry.msgid_plural else {entry.msgstr}
            found.setdefault(key, (entry.msgid_plural, set()))[1].update(forms)
    return found


def test_members_read_the_projects_own_translations():
    """Where Django or allauth also translate one of the project's messages, the project's
    translation is the one members read."""
    wrong = []
    for code, _name in settings.LANGUAGES:
        if code == "en":
            continue
        for domain in ("django", "djangojs"):
            merged = DjangoTranslation(code, domain=domain)
            for key, (plural, ours) in _project_translations(to_locale(code), domain).items():
                counts = (1, 2, 5, 21) if plural else ()
                read = {merged.ngettext(key, plural, n) for n in counts} or {merged.gettext(key)}
                if not read <= ours:
                    wrong.append((code, key, sorted(read - ours)))
    assert not wrong, f"{len(wrong)} messages read another translation than the project's: {wrong[:10]}"
