"""The parts of a post that every reader sees alike (its time, edit count, language and the
line naming the post it answers), rendered once and shared by all readers through the cache.

Safety rests on two rules. The page's query still decides, on every request, which posts a
reader gets, so a cached fragment can never bring back a hidden or deleted post: only posts
already on the page look their fragment up. And a fragment holds nothing that depends on the
reader: permissions, reactions, unread marks, translations and forms are rendered around it.

The key is a digest of every field the fragment shows (plus the interface language and the
time zone, which change the words and the clock), so any change to the post changes the key,
whatever wrote it: an edit, hiding, restoring, deleting, or an erasure that blanks the author
name with a bulk update. Old entries are never read again and expire."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

TIMEOUT = 60 * 60 * 24
TEMPLATE = "forum/_post_shared.html"
SEPARATOR = "<!--part-->"


@dataclass(frozen=True)
class PostFragment:
    author: SafeString  # the author heading
    meta: SafeString  # link and time, edit count, language (inside the header's meta line)
    reply_line: SafeString  # "In reply to ...", or empty


def _digest(post) -> str:
    reply_to = post.reply_to if post.reply_to_id else None
    shown = (
        post.pk,
        post.position,
        post.author_id,
        post.author_name,
        post.created_at.isoformat(),
        post.edit_count,
        post.language,
        post.is_deleted,
        reply_to and (reply_to.pk, reply_to.position, reply_to.author_name),
    )
    return hashlib.blake2b(repr(shown).encode(), digest_size=12).hexdigest()


def _key(post, language: str, zone: str) -> str:
    return f"forum:post:{post.pk}:{_digest(post)}:{language}:{zone}"


def post_fragments(posts) -> dict[int, PostFragment]:
    """The shared fragment of each post on a page, by id: one cache round trip for the page,
    the missing ones rendered and stored in one more."""
    language = translation.get_language() or ""
    zone = timezone.get_current_timezone_name()
    keys = {post.pk: _key(post, language, zone) for post in posts}
    found = cache.get_many(list(keys.values())) if keys else {}
    fragments, missing = {}, {}
    template = None
    for post in posts:
        html = found.get(keys[post.pk])
        if html is None:
            template = template or get_template(TEMPLATE)
            html = str(template.render({"post": post}))
            missing[keys[post.pk]] = html
        author, meta, reply_line = html.split(SEPARATOR)
        # Rendered with autoescaping by our own template, so safe as it was.
        fragments[post.pk] = PostFragment(SafeString(author), SafeString(meta), SafeString(reply_line))
    if missing:
        cache.set_many(missing, TIMEOUT)
    return fragments


# --- Per-reader parts, computed once per page rather than per post in the template ---------

_ID = "918273645"
_request_options: dict[tuple[str, str], SafeString] = {}


def translation_request_options(original_language: str) -> SafeString:
    """The ``<option>`` list of the "Request a translation" menu: every interface language but
    the post's own, named as the language menu names them; built once per process for each
    interface language and original language."""
    key = (translation.get_language() or "", original_language)
    options = _request_options.get(key)
    if options is None:
        options = _request_options[key] = format_html_join(
            "",
            '<option value="{}" lang="{}">{}</option>',
            ((code, code, translation.gettext(name)) for code, name in settings.LANGUAGES if code != original_language),
        )
    return options


def object_url(name: str, kind: str):
    """``reverse(name, args=[kind, pk])`` for many ids of one kind: reversed once, then joined."""
    before, _, after = reverse(name, args=[kind, _ID]).partition(_ID)
    return lambda pk: f"{before}{int(pk)}{after}"
