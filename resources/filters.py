"""Library filters and facet counts.

Facet counts use disjunctive faceting: each facet counts over the results filtered by every
*other* facet, so a member sees what ticking one more value would give. One aggregate query
per facet, whatever the size of the library."""

import hashlib
from dataclasses import dataclass
from urllib.parse import urlencode

import django_filters
from django import forms
from django.db.models import Count
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core import content_language
from core.cache import VersionedCache
from taxonomy.models import Audience, Country, Language, ResourceType, Theme
from translations.models import Translation

from .models import Licence, Resource

TRANSLATION_KIND = "resources.resource"  # resources.translatable.KIND, which imports this module's app

SORTS = {
    "newest": ("-published_at", "-id"),
    "downloads": ("-download_count", "-id"),
    "title": ("title", "id"),
}
SORT_CHOICES = [("newest", _("Newest")), ("downloads", _("Most downloaded")), ("title", _("Title"))]
HAS_FILES_CHOICES = [("yes", _("With files to download")), ("no", _("External link only"))]

_facets = VersionedCache("resources:facets", timeout=60 * 60)


def facets_changed() -> None:
    """Every cached facet count is stale once a resource, its terms or a term change."""
    _facets.invalidate()


# facet parameter -> Resource many-to-many field
TERM_FACETS = {
    "type": "types",
    "theme": "themes",
    "country": "countries",
    "language": "languages",
    "audience": "audiences",
}


class TermFilter(django_filters.ModelMultipleChoiceFilter):
    """Resources with any of the chosen terms, as ``pk IN (links of those terms)``: a join of
    the many-to-many table would repeat a resource once per matching term, and the DISTINCT
    that removes the repeats sorts every matching row in full before the first page (at
    10,000 resources, 14 ms for a theme and a language against 4 ms so; bench/README.md)."""

    def __init__(self, *args, m2m_field: str, **kwargs):
        self.m2m_field = m2m_field
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        m2m = Resource._meta.get_field(self.m2m_field)
        term_column = f"{m2m.m2m_reverse_field_name()}_id"
        links = m2m.remote_field.through.objects.filter(**{f"{term_column}__in": [term.pk for term in value]})
        return qs.filter(pk__in=links.values("resource_id"))


def _terms(model, field_name, label):
    return TermFilter(
        label=label,
        m2m_field=field_name,
        queryset=model.objects.active(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]


@dataclass
class Chip:
    """One chosen filter, with the query string of the library without it."""

    facet: str
    label: str
    query: str


def chips(data, facets: list[Facet]) -> list[Chip]:
    """The chosen filters as removable links: each one's address is the current one without
    that value (and without the page cursor, since the results change)."""
    pairs = [(key, value) for key in data for value in data.getlist(key) if value and key != "after"]

    def without(key, value):
        return urlencode([pair for pair in pairs if pair != (key, value)])

    found = []
    q = (data.get("q") or "").strip()
    if q:
        found.append(Chip(str(_("Search")), q, without("q", data.get("q"))))
    for facet in facets:
        for value in facet.values:
            if value.selected:
                found.append(Chip(facet.label, value.label, without(facet.name, value.value)))
    for key, label in (("year_min", _("From year")), ("year_max", _("To year"))):
        value = data.get(key)
        if value and value.isdigit():
            found.append(Chip(str(label), value, without(key, value)))
    return found


class ResourceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search the library"), method="filter_q", widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    type = _terms(ResourceType, "types", _("Type"))
    theme = _terms(Theme, "themes", _("Theme"))
    country = _terms(Country, "countries", _("Country"))
    language = _terms(Language, "languages", _("Language"))
    audience = _terms(Audience, "audiences", _("Audience"))
    year_min = django_filters.NumberFilter(
        label=_("From year"), field_name="year", lookup_expr="gte", min_value=1900, max_value=2100
    )
    year_max = django_filters.NumberFilter(
        label=_("To year"), field_name="year", lookup_expr="lte", min_value=1900, max_value=2100
    )
    licence = django_filters.MultipleChoiceFilter(
        label=_("Licence"), choices=Licence.choices, widget=forms.CheckboxSelectMultiple
    )
    has_files = django_filters.ChoiceFilter(label=_("Files"), choices=HAS_FILES_CHOICES, method="filter_has_files")
    translated = django_filters.MultipleChoiceFilter(
        label=_("Translated into"),
        choices=lambda: content_language.choices()[1:],
        method="filter_translated",
        widget=forms.CheckboxSelectMultiple,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Order by"), choices=SORT_CHOICES, method="filter_noop", empty_label=None
    )

    class Meta:
        model = Resource
        fields = []

    def filter_q(self, queryset, name, value):
        # The same engine as the site search: any word form, title, summary, description
        # and the text of the files.
        from search.backends import object_ids_matching

        matching = object_ids_matching("resource", value.strip()[:200])
        return queryset if matching is None else queryset.filter(pk__in=matching)

    def filter_translated(self, queryset, name, value):
        # Members' translations of the resource (resources linked as translations carry their
        # own languages, filtered by "Language").
        if not value:
            return queryset
        translated = Translation.objects.filter(kind=TRANSLATION_KIND, language__in=value, is_hidden=False)
        return queryset.filter(pk__in=translated.values("object_id"))

    def filter_has_files(self, queryset, name, value):
        return queryset.filter(has_files=value == "yes")

    def filter_noop(self, queryset, name, value):
        return queryset

    @property
    def ordering(self) -> tuple[str, ...]:
        sort = self.form.cleaned_data.get("sort") if self.is_bound and self.form.is_valid() else None
        return SORTS.get(sort or "newest", SORTS["newest"])

    def queryset_without(self, excluded: str):
        """The results under every current filter except ``excluded``."""
        self.form.is_valid()
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name != excluded:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def facets_cached(self, *, shared: bool) -> list[Facet]:
        """``facets()``, kept in the cache for every member who sees the same library
        (``shared``: every active member sees all published resources) until a resource,
        its terms or the taxonomy change. Free-text queries are not kept: their results
        follow the search index, which background text extraction updates."""
        if not shared or self.data.get("q"):
            return self.facets()
        filters = sorted(
            (name, tuple(sorted(str(v) for v in self.data.getlist(name) if v)))
            for name in self.filters
            if name not in ("sort", "q") and self.data.getlist(name)
        )
        digest = hashlib.sha256(repr((get_language(), filters)).encode()).hexdigest()[:32]
        return _facets.get_or_compute(digest, self.facets)

    def facets(self) -> list[Facet]:
        self.form.is_valid()
        data = self.form.cleaned_data
        facets = []
        for name, field_name in TERM_FACETS.items():
            m2m = Resource._meta.get_field(field_name)
            through = m2m.remote_field.through
            term_column = f"{m2m.m2m_reverse_field_name()}_id"
            rows = (
                through.objects.filter(resource_id__in=self.queryset_without(name).values("pk"))
                .values(term_column)
                .annotate(n=Count("resource_id"))
            )
            counts = {row[term_column]: row["n"] for row in rows}
            selected = {term.pk for term in data.get(name) or []}
            terms = self.filters[name].queryset
            values = [FacetValue(t.slug, t.name, counts.get(t.pk, 0), t.pk in selected) for t in terms]
            facets.append(Facet(name, str(self.filters[name].label), values))
        facets.append(self._choice_facet("licence", "licence", Licence.choices, set(data.get("licence") or [])))
        facets.append(self._translated_facet(set(data.get("translated") or [])))
        has_files = data.get("has_files") or ""
        facets.append(
            self._choice_facet(
                "has_files", "has_files", HAS_FILES_CHOICES, {has_files} if has_files else set(), boolean=True
            )
        )
        return facets

    def _translated_facet(self, selected: set[str]) -> Facet:
        rows = (
            Translation.objects.filter(
                kind=TRANSLATION_KIND, is_hidden=False, object_id__in=self.queryset_without("translated").values("pk")
            )
            .values("language")
            .annotate(n=Count("id"))
            .order_by()
        )
        counts = {row["language"]: row["n"] for row in rows}
        values = [
            FacetValue(code, str(name), counts.get(code, 0), code in selected)
            for code, name in content_language.choices()[1:]
        ]
        return Facet("translated", str(self.filters["translated"].label), values)

    def _choice_facet(self, name, column, choices, selected, boolean=False) -> Facet:
        rows = (
            Resource.objects.filter(pk__in=self.queryset_without(name).values("pk"))
            .values(column)
            .annotate(n=Count("id"))
            .order_by()
        )
        counts = {row[column]: row["n"] for row in rows}
        if boolean:
            counts = {"yes": counts.get(True, 0), "no": counts.get(False, 0)}
        values = [FacetValue(value, str(label), counts.get(value, 0), value in selected) for value, label in choices]
        return Facet(name, str(self.filters[name].label), values)
