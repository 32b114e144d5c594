"""Seeding names in the other interface languages (the ``names`` JSON fields of taxonomy terms,
categories and rooms) from data migrations, which pass their historical querysets."""


def fill_names(queryset, field: str, table: dict) -> None:
    """Add each language's text where the key is missing or empty: a moderator's edit wins.
    ``table`` maps slugs to {language code: text}; rows that are gone are skipped."""
    for pk, slug, current in queryset.filter(slug__in=list(table)).values_list("pk", "slug", field):
        values = dict(current) if isinstance(current, dict) else {}
        missing = {lang: text for lang, text in table[slug].items() if not values.get(lang)}
        if missing:
            queryset.filter(pk=pk).update(**{field: {**values, **missing}})


def remove_names(queryset, field: str, table: dict) -> None:
    """Remove the keys that still hold the text of ``table``."""
    for pk, slug, current in queryset.filter(slug__in=list(table)).values_list("pk", "slug", field):
        if not isinstance(current, dict):
            continue
        values = {lang: text for lang, text in current.items() if table[slug].get(lang) != text}
        if values != current:
            queryset.filter(pk=pk).update(**{field: values})
