"""The alliance's shared vocabulary: countries, languages, themes, resource types, audiences.

Terms are data, seeded by a data migration, so moderators can add one in the admin without a
release. Each term carries its name in every complete interface language.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# Where a name has no translation yet (a term a moderator just added), Russian is the nearer
# fallback for members of the Central Asian countries, English for Afghan partners.
RUSSIAN_FALLBACK = frozenset({"kk", "ky", "tg", "uz", "uz-cyrl", "tk"})


def localized(name_en: str, name_ru: str, names: dict) -> str:
    """A name in the active language: English and Russian have their own columns, the other
    interface languages live in ``names`` ({"kk": "...", "fa-af": "..."})."""
    language = (get_language() or "en").lower()
    if language.startswith("en"):
        return name_en
    if language.startswith("ru"):
        return name_ru or name_en
    value = (names or {}).get(language)
    if value:
        return value
    return (name_ru or name_en) if language in RUSSIAN_FALLBACK else name_en


def names_field():
    return models.JSONField(
        _("names in the other interface languages"),
        default=dict,
        blank=True,
        help_text=_('By language code, e.g. {"kk": "…", "fa-af": "…"}.'),
    )


class TermQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class TaxonomyTerm(models.Model):
    slug = models.SlugField(_("code"), max_length=64, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    names = names_field()
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = TermQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "slug"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self.name_en, self.name_ru, self.names)


class Country(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("country")
        verbose_name_plural = _("countries")


class Language(TaxonomyTerm):
    """A content language (BCP 47 code in ``slug``), e.g. ``ru``, ``uz-Cyrl``, ``fa-AF``."""

    is_rtl = models.BooleanField(_("right-to-left"), default=False)

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")


class Theme(TaxonomyTerm):
    class Group(models.TextChoices):
        PILLAR = "pillar", _("Spotlight pillar")
        VIOLENCE = "violence", _("Form of violence")
        RESPECT = "respect", _("RESPECT prevention strategy")
        SECTOR = "sector", _("Essential-services sector")

    group = models.CharField(_("group"), max_length=16, choices=Group.choices)

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["group", "position", "slug"]


class ResourceType(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("resource type")
        verbose_name_plural = _("resource types")


class Audience(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
