from django import template
from django.utils.translation import get_language

from core import content_language
from translations import permissions, registry, selectors

register = template.Library()


@register.simple_tag
def translations_for(kind_key, objects):
    """The translations of a page's objects into the reader's interface language, by object
    id: one query for the page, whatever the objects' languages."""
    language = (get_language() or "").lower()
    return selectors.translations_for(kind_key, list(objects), language)


@register.filter
def translation_of(translations, pk):
    return translations.get(pk) if translations else None


@register.simple_tag
def opening_translation(translations, posts):
    """The translation of a thread's opening post when it is on this page (its title)."""
    for post in posts:
        if getattr(post, "position", None) == 1:
            return translations.get(post.pk) if translations else None
    return None


@register.simple_tag
def translations_of(kind_key, obj):
    """Every shown translation of one original, and the one into the reader's language."""
    kind = registry.kind_for(kind_key)
    if kind is None:
        return {"all": [], "mine": None}
    rows = selectors.translations_of(kind, obj)
    language = (get_language() or "").lower()
    mine = next((row for row in rows if row.language == language), None)
    return {"all": rows, "mine": mine, "source_language": kind.source_language(obj), "key": kind.key}


@register.simple_tag
def languages_available_for(kind_key, objects):
    """The languages each listed object has a shown translation in, by id (one query)."""
    found = selectors.languages_available(kind_key, [obj.pk for obj in objects])
    return {pk: [(code, content_language.label(code)) for code in codes] for pk, codes in found.items()}


@register.simple_tag(takes_context=True)
def can_translate(context, kind_key, obj):
    """Whether the reader may translate ``obj``: the same predicate the translation page
    checks, so the action shows only to members who list a language other than the original's."""
    kind = registry.kind_for(kind_key)
    request = context.get("request")
    return bool(kind and request and permissions.can_translate_any(request.user, kind, obj))


@register.simple_tag
def separate_translations_of(kind_key, obj):
    """The items that translate ``obj`` (by id) and the original ``obj`` translates, if any."""
    return selectors.separate_translations(kind_key, obj)


@register.simple_tag(takes_context=True)
def translation_request_choices(context, kind_key, obj, translations, separate_rows, shown_items):
    """The request form's languages for the reader: ``translations`` are the original's shown
    text translations, ``separate_rows`` its separate translations by item id and
    ``shown_items`` the items among them the page lists as published (one query)."""
    kind = registry.kind_for(kind_key)
    request = context.get("request")
    if kind is None or request is None:
        return {"asked": [], "offer": []}
    shown = {item.pk for item in shown_items}
    published = {row.language for row in translations or ()}
    published |= {row.language for pk, row in (separate_rows or {}).items() if pk in shown}
    return selectors.request_choices(request.user, kind, obj, published)
