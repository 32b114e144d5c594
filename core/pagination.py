"""Keyset (cursor) pagination: each page costs the same however deep it is, because the
query seeks on an index instead of counting past OFFSET rows."""

import base64
import datetime
import json
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_datetime


@dataclass
class KeysetPage:
    items: list
    next_cursor: str | None
    has_previous: bool


def encode_cursor(values: list) -> str:
    raw = json.dumps([{"dt": v.isoformat()} if isinstance(v, datetime.datetime) else v for v in values])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, count: int) -> list | None:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
    except (ValueError, TypeError):
        return None
    if not isinstance(values, list) or len(values) != count:
        return None
    decoded = []
    for value in values:
        if isinstance(value, dict):
            value = parse_datetime(str(value.get("dt", "")))
            if value is None:
                return None
        elif not isinstance(value, (str, int, float)):
            return None
        decoded.append(value)
    return decoded


def _after(ordering: tuple[str, ...], values: list) -> Q:
    """Rows strictly after ``values`` in ``ordering`` (e.g. ("-created_at", "-id"))."""
    condition = Q()
    for i, field in enumerate(ordering):
        name = field.lstrip("-")
        op = "lt" if field.startswith("-") else "gt"
        step = Q(**{f"{name}__{op}": values[i]})
        for prev_field, prev_value in zip(ordering[:i], values[:i], strict=True):
            step &= Q(**{prev_field.lstrip("-"): prev_value})
        condition |= step
    return condition


def keyset_page(queryset: QuerySet, *, ordering: tuple[str, ...], cursor: str | None, size: int = 50) -> KeysetPage:
    """One page of ``queryset`` ordered by ``ordering`` (whose last field must be unique).
    An invalid cursor is treated as the first page rather than an error."""
    queryset = queryset.order_by(*ordering)
    values = decode_cursor(cursor, len(ordering)) if cursor else None
    if values is not None:
        queryset = queryset.filter(_after(ordering, values))
    rows = list(queryset[: size + 1])
    items = rows[:size]
    next_cursor = None
    if len(rows) > size:
        last = items[-1]
        next_cursor = encode_cursor([_attr(last, f.lstrip("-")) for f in ordering])
    return KeysetPage(items=items, next_cursor=next_cursor, has_previous=values is not None)


def _attr(obj, path: str):
    for part in path.split("__"):
        obj = getattr(obj, part)
        if hasattr(obj, "pk") and not isinstance(obj, (int, str)):
            obj = obj.pk
    return obj
