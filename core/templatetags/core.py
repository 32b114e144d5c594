from django import template
from django.utils.html import format_html

from core import content_language
from core.markdown import render_markdown
from core.names import member_name as _member_name
from core.reverse import reverse_pk

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced, for filter and pager links."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def query_without(context, *keys):
    query = context["request"].GET.copy()
    for key in keys:
        query.pop(key, None)
    return query.urlencode()


@register.filter
def markdown(text):
    return render_markdown(text or "")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def member_name(name):
    """A name snapshot as readers see it: an erased author reads "Former member" in their language."""
    return _member_name(name)


@register.simple_tag
def language_tag(code):
    """The small tag naming the language a text is written in, in that language itself."""
    name = content_language.label(code)
    if not name:
        return ""
    return format_html('<span class="lang-tag" lang="{}">{}</span>', code, name)


@register.filter
def bdi(value):
    """A name inside a translated sentence keeps its own direction (a Dari name in an English
    sentence, an English one in a Pashto sentence)."""
    return format_html("<bdi>{}</bdi>", value)


@register.simple_tag
def js_catalog_url():
    """The translation catalogue of the active language, under its hashed, cacheable address."""
    from core.js_catalog import catalog_url

    return catalog_url()


@register.simple_tag
def pk_url(name, pk):
    """``{% url name pk %}`` for URLs with one id, without resolving the pattern each time."""
    return reverse_pk(name, pk)
