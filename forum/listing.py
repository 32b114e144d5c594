"""What each row of a thread list shows, computed in Python once per page. A thread list
renders twenty rows; the same values written as template filters, ``{% url %}`` tags and
nested ``{% with %}`` blocks cost several times more (bench/README.md, "Round two")."""

from django.contrib.humanize.templatetags.humanize import naturaltime
from django.utils.html import format_html

from core.names import member_name
from core.reverse import reverse_pk

from .templatetags.forum_translations import thread_translation_languages


def decorate_thread_rows(threads, *, query) -> None:
    """Adds to each thread: ``url`` (at the first unread post when there is one),
    ``category_url``, ``last_poster`` (a bidi-isolated name), ``last_post_when`` (relative
    time), ``translated_into`` ((code, name) pairs) and ``tag_links`` ((address, name) pairs
    that keep the list's other filters). ``query`` is the request's GET."""
    translated = thread_translation_languages(threads)
    category_urls: dict[int, str] = {}
    for thread in threads:
        url = reverse_pk("forum:thread", thread.pk)
        thread.url = f"{url}?page={thread.first_unread_page}#post-{thread.first_unread}" if thread.unread else url
        category_url = category_urls.get(thread.category_id)
        if category_url is None:
            category_url = category_urls[thread.category_id] = thread.category.get_absolute_url()
        thread.category_url = category_url
        thread.last_poster = format_html("<bdi>{}</bdi>", member_name(thread.last_poster_name))
        thread.last_post_when = naturaltime(thread.last_posted_at)
        thread.translated_into = translated.get(thread.pk, [])
        thread.tag_links = [(_with_tag(query, tag.slug), tag.name) for tag in thread.tags.all()]


def _with_tag(query, slug: str) -> str:
    changed = query.copy()
    changed["tag"] = slug
    return f"?{changed.urlencode()}"
