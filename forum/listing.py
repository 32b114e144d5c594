"""What each row of a thread list shows, computed in Python once per page. A thread list
renders twenty rows; the same values written as template filters, ``{% url %}`` tags and
nested ``{% with %}`` blocks cost several times more (bench/README.md, "Round two")."""

from django.contrib.humanize.templatetags.humanize import naturaltime
from django.http import QueryDict
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from core import fragments
from core.names import member_name
from core.reverse import reverse_pk

from .templatetags.forum_translations import thread_translation_languages


def decorate_thread_rows(threads, *, filters: QueryDict) -> None:
    """Adds to each thread: ``url`` (at the first unread post when there is one),
    ``category_url``, ``replies`` and ``last_post`` (the meta line's two sentences),
    ``translated_into`` ((code, name) pairs) and ``tag_links`` ((address, name) pairs that keep
    the list's ``filters``, from ``kept_filters``)."""
    translated = thread_translation_languages(threads)
    category_urls: dict[int, str] = {}
    for thread in threads:
        url = reverse_pk("forum:thread", thread.pk)
        thread.url = f"{url}?page={thread.first_unread_page}#post-{thread.first_unread}" if thread.unread else url
        category_url = category_urls.get(thread.category_id)
        if category_url is None:
            category_url = category_urls[thread.category_id] = thread.category.get_absolute_url()
        thread.category_url = category_url
        # The sentences {% blocktranslate %} wrote, with the same messages: the translation is
        # inserted as it is and the values escaped, as the tag does.
        thread.replies = ngettext("%(counter)s reply", "%(counter)s replies", thread.reply_count) % {
            "counter": thread.reply_count
        }
        thread.last_post = mark_safe(  # noqa: S308 - the catalogue's text with escaped values
            gettext("last post by %(who)s, %(when)s")
            % {
                "who": format_html("<bdi>{}</bdi>", member_name(thread.last_poster_name)),
                "when": conditional_escape(naturaltime(thread.last_posted_at)),
            }
        )
        thread.translated_into = translated.get(thread.pk, [])
        thread.tag_links = [(_with_tag(filters, tag.slug), tag.name) for tag in thread.tags.all()]


def kept_filters(filterset, view: str) -> QueryDict:
    """What a tag link keeps of the list's address: the view and the filters that passed
    validation, each in one normal form, and not the page cursor (a tag starts a new list) nor
    anything else the address carried. Rows are shared through the cache under everything they
    show, so a free-form address would make new rows (and new cache entries) at will."""
    kept = QueryDict(mutable=True)
    if view != "latest":
        kept["view"] = view
    if filterset.is_bound and filterset.form.is_valid():
        for name, value in filterset.form.cleaned_data.items():
            if name == "tag" or value in (None, "", False):
                continue
            kept[name] = "on" if value is True else str(getattr(value, "slug", value))
    return kept


def _with_tag(filters: QueryDict, slug: str) -> str:
    changed = filters.copy()
    changed["tag"] = slug
    return f"?{changed.urlencode()}"


def thread_rows(threads) -> list:
    """The rows of decorated threads (``decorate_thread_rows``), each rendered once per distinct
    content, language and time zone and shared by every member (core.fragments). The key holds
    everything a row shows, the member's own unread count and address included, so two members
    share a row only when they would see the same one; which threads are listed is the page's
    query alone."""
    return fragments.rows_rendered(
        "forum/_thread_row.html",
        threads,
        name="thread",
        key=lambda thread: (
            thread.pk,
            thread.url,
            thread.title,
            thread.language,
            thread.is_pinned,
            thread.is_locked,
            thread.is_hidden,
            thread.is_new,
            thread.unread,
            thread.content_warning,
            thread.category_url,
            thread.category.name,
            thread.country.name if thread.country else None,
            thread.translated_into,
            thread.replies,
            str(thread.last_post),
            thread.tag_links,
        ),
    )
