"""Rendered rows of list pages (library cards, member cards) reused across requests and members.

A row's HTML is kept in the shared cache under a digest of *everything it shows* (the values
its ``key`` function returns), the interface language and the time zone. So an edit, a
rename or a new count simply makes a new key, and no version has to be bumped anywhere for
a row to change. Which rows a member gets is still decided by the page's query on every
request: the cache only knows how a row looks, never who may see it, so a hidden or
unpublished item cannot come back from it.

Rows are rendered with a plain context (the row and what ``extra`` gives), never the
request's: nothing of the viewer (their CSRF token, their name, their permissions) can end up
in HTML that another member is then served. Viewer-dependent parts stay in the page template."""

import hashlib
from collections.abc import Callable, Iterable, Sequence

from django.core.cache import cache
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

# A day: rows whose content changes get a new key anyway; this bounds what unused keys cost.
TIMEOUT = 24 * 60 * 60


def rows_rendered(
    template_name: str,
    items: Sequence,
    *,
    key: Callable[[object], Iterable],
    name: str = "item",
    extra: dict | None = None,
    per_item: Callable[[object], dict] | None = None,
) -> list[SafeString]:
    """The HTML of ``template_name`` for each of ``items`` (in order), each rendered with
    ``{name: item, **extra, **per_item(item)}``. ``key(item)`` must return every value the
    fragment shows, ``per_item``'s values included; ``extra`` must be the same for every
    viewer (it is part of the key too)."""
    if not items:
        return []
    extra = extra or {}
    scope = repr((template_name, get_language(), timezone.get_current_timezone_name(), sorted(extra.items())))
    keys = ["frag:" + hashlib.sha256((scope + repr(tuple(key(item)))).encode()).hexdigest()[:40] for item in items]
    found = cache.get_many(keys)
    missing = {k: item for k, item in zip(keys, items, strict=True) if k not in found}
    if missing:
        template = get_template(template_name)
        rendered = {
            k: template.render({name: item, **extra, **(per_item(item) if per_item else {})})
            for k, item in missing.items()
        }
        cache.set_many(rendered, TIMEOUT)
        found.update(rendered)
    return [mark_safe(found[k]) for k in keys]  # noqa: S308 - rendered by our autoescaping template
