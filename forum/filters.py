import django_filters
from django import forms
from django.db.models import Q
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core import content_language
from taxonomy.models import Country
from translations.models import Translation

from .models import Post, ThreadWatch


class PlainSelect(forms.Select):
    """A ``<select>`` written in Python, with the same markup as Django's template. The filters
    list every category, country and language: rendered by the form renderer, each option is a
    template of its own, and the four menus cost more than the twenty thread rows below them."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        if any(group_name for group_name, _options, _index in widget["optgroups"]):
            return super().render(name, value, attrs, renderer)  # nested choices: Django's template
        options = format_html_join(
            "\n",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], flatatt(option["attrs"]), option["label"])
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html('<select name="{}"{}>\n{}\n</select>', widget["name"], flatatt(widget["attrs"]), options)


class ThreadFilter(django_filters.FilterSet):
    """Thread list filters. The queryset it receives is already limited to what the person
    may see, and the category choices are too, so a restricted category never shows."""

    # Choices from the categories the view already read (the index lists them beside the
    # threads), so the menu costs no query of its own.
    category = django_filters.ChoiceFilter(
        label=_("Category"),
        field_name="category__slug",
        choices=(),
        empty_label=_("All categories"),
        widget=PlainSelect,
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Country"),
        queryset=Country.objects.active(),
        to_field_name="slug",
        empty_label=_("All countries"),
        widget=PlainSelect,
    )
    tag = django_filters.CharFilter(
        label=_("Tag"), field_name="tags__slug", max_length=30, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=lambda: content_language.choices(_("All languages")),
        empty_label=None,
        method="filter_language",
        widget=PlainSelect,
    )
    unanswered = django_filters.BooleanFilter(
        label=_("Unanswered"), method="filter_unanswered", widget=forms.CheckboxInput
    )
    mine = django_filters.BooleanFilter(label=_("Started by me"), method="filter_mine", widget=forms.CheckboxInput)
    watching = django_filters.BooleanFilter(label=_("Watching"), method="filter_watching", widget=forms.CheckboxInput)
    order = django_filters.ChoiceFilter(
        label=_("Order"),
        choices=[("latest", _("Latest activity")), ("newest", _("Newest")), ("replies", _("Most replies"))],
        method="filter_noop",
        empty_label=None,
        widget=PlainSelect,
    )

    def __init__(self, *args, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        if categories is not None:
            self.filters["category"].extra["choices"] = [(category.slug, category.name) for category in categories]
        else:
            del self.filters["category"]

    def filter_language(self, queryset, name, value):
        # Written in the language, or with its opening post translated into it.
        if not value:
            return queryset
        translated = Translation.objects.filter(kind="forum.post", language=value, is_hidden=False)
        openings = Post.objects.filter(pk__in=translated.values("object_id"), position=1)
        return queryset.filter(Q(language=value) | Q(pk__in=openings.values("thread_id")))

    def filter_unanswered(self, queryset, name, value):
        return queryset.filter(reply_count=0) if value else queryset

    def filter_mine(self, queryset, name, value):
        return queryset.filter(author=self.request.user) if value else queryset

    def filter_watching(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=ThreadWatch.objects.filter(user=self.request.user).values("thread_id"))

    def filter_noop(self, queryset, name, value):
        # Ordering is applied by the keyset pager, which must know it.
        return queryset
