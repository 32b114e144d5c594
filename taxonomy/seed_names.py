"""Names and descriptions of the seeded terms, forum categories and chat rooms in every interface
language but English, kept in one data file (``locale/names.json``) that translators review
beside the catalogues.

The file maps a kind (a model label such as ``forum.category``) to slugs, each to fields
(``name``, ``description``), each to ``{language code: text}``. Russian goes to the row's Russian
column, the other languages to its JSON field. ``load_names`` fills only keys that are missing or
empty, so a moderator's edit wins, and running it again changes nothing. It runs after every
``migrate`` (post_migrate) and as ``manage.py load_names``.

Taxonomy sits below forum and chat, so it never imports them: each app registers its
name-bearing models here by label from its ``AppConfig.ready``.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps as global_apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import DEFAULT_DB_ALIAS, transaction

NAMES_FILE = Path(settings.BASE_DIR) / "locale" / "names.json"

# Russian has a column of its own; English is the row's own text and never comes from the file.
RUSSIAN = "ru"


@dataclass(frozen=True)
class NamedKind:
    label: str  # "app_label.model_name", lower case, as in the data file
    # field in the data file -> (Russian column, JSON field of the other languages)
    fields: dict[str, tuple[str, str]]
    # which rows the file may name, e.g. only the alliance's own rooms
    filters: dict = field(default_factory=dict)


_KINDS: dict[str, NamedKind] = {}

NAME = {"name": ("name_ru", "names")}
NAME_AND_DESCRIPTION = {**NAME, "description": ("description_ru", "descriptions")}


def register(label: str, fields: dict[str, tuple[str, str]], **filters) -> None:
    label = label.lower()
    _KINDS[label] = NamedKind(label=label, fields=fields, filters=filters)


def read_names(path: Path | None = None) -> dict:
    with open(path or NAMES_FILE, encoding="utf-8") as handle:
        return json.load(handle)


def _fill(row, table: dict, kind: NamedKind, model) -> set[str]:
    """Set the missing texts on ``row``; return the fields it changed."""
    changed = set()
    for field_name, texts in table.items():
        if field_name not in kind.fields:
            continue
        russian_column, json_field = kind.fields[field_name]
        if RUSSIAN in texts and _has_field(model, russian_column) and not getattr(row, russian_column):
            setattr(row, russian_column, texts[RUSSIAN])
            changed.add(russian_column)
        if not _has_field(model, json_field):
            continue
        current = getattr(row, json_field)
        current = dict(current) if isinstance(current, dict) else {}
        missing = {lang: text for lang, text in texts.items() if lang not in (RUSSIAN, "en") and not current.get(lang)}
        if missing:
            setattr(row, json_field, {**current, **missing})
            changed.add(json_field)
    return changed


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def load_names(using: str = DEFAULT_DB_ALIAS, apps=global_apps, path: Path | None = None) -> int:
    """Fill the missing names and descriptions from the data file; return how many rows changed.

    ``apps`` may be a migration state (post_migrate passes one): a kind whose model or field is
    not there yet is skipped. One read and at most one bulk update per kind."""
    data = read_names(path)
    changed_rows = 0
    with transaction.atomic(using=using):
        for label, kind in _KINDS.items():
            table = data.get(label)
            if not table:
                continue
            try:
                model = apps.get_model(label)
            except LookupError:
                continue
            columns = {column for pair in kind.fields.values() for column in pair if _has_field(model, column)}
            if not columns:
                continue
            rows = (
                model._base_manager.using(using)
                .filter(slug__in=list(table), **kind.filters)
                .only("pk", "slug", *columns)
            )
            changed, fields = [], set()
            for row in rows:
                row_fields = _fill(row, table[row.slug], kind, model)
                if row_fields:
                    changed.append(row)
                    fields |= row_fields
            if changed:
                model._base_manager.using(using).bulk_update(changed, sorted(fields))
                changed_rows += len(changed)
    return changed_rows


def load_names_after_migrate(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs) -> None:
    """post_migrate: every app's migrations have run when the signal is sent."""
    if using != DEFAULT_DB_ALIAS:
        return
    load_names(using=using, apps=apps)
