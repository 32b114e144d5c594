"""Named predicates for translations, built on accounts.permissions. Whether a person may see
a translation at all is the original's rule (``TranslatableKind.can_view``)."""

from django.conf import settings

from accounts.permissions import can_moderate, can_participate, moderated_country_ids

CODES = frozenset(code for code, _name in settings.LANGUAGES)


def member_languages(user) -> frozenset[str]:
    """The languages a member lists in their profile (taxonomy slugs are interface codes);
    asked once per request and user object."""
    cached = getattr(user, "_translation_languages", None)
    if cached is None:
        if not getattr(user, "is_authenticated", False):
            cached = frozenset()
        else:
            cached = frozenset(user.languages.values_list("slug", flat=True))
        user._translation_languages = cached
    return cached


def can_translate(user, kind, obj, language: str) -> bool:
    """Members who list ``language`` translate into it; never into the original's language."""
    return (
        can_participate(user)
        and language in CODES
        and language != kind.source_language(obj)
        and language in member_languages(user)
    )


def translatable_languages(user, kind, obj) -> list[str]:
    """The languages ``user`` may translate ``obj`` into: those their profile lists, other than
    the original's."""
    return sorted(language for language in member_languages(user) if can_translate(user, kind, obj, language))


def can_translate_any(user, kind, obj) -> bool:
    """Whether the "Translate" action shows, and the translation pages open."""
    return bool(translatable_languages(user, kind, obj))


def can_request(user, kind, obj, language: str) -> bool:
    return can_participate(user) and language in CODES and language != kind.source_language(obj)


def can_moderate_translation(user, kind, obj) -> bool:
    """Moderators who look after the original see and act on its hidden translations."""
    if not can_moderate(user):
        return False
    scope = moderated_country_ids(user)
    if scope is None:
        return True
    return kind.scope_ids(scope).filter(pk=obj.pk).exists()


def can_report(user, translation) -> bool:
    return can_participate(user) and translation.translator_id != user.pk
