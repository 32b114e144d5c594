"""Hostile Markdown and HTML must come out inert, wherever member text is shown."""

import re
from html.parser import HTMLParser

import pytest

from forum import services
from tests.forum import factories

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "![x](https://evil.example/track.png)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<iframe src="https://evil.example"></iframe>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<b onmouseover=alert(1)>hover</b>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    '"><script>alert(1)</script>',
    "<p><em>broken <strong>nesting</em></strong>",
    "<form action=https://evil.example><input name=q></form>",
    '<object data="javascript:alert(1)"></object>',
    '<a href="https://example.org" onclick="alert(1)">x</a>',
    '[x](https://example.org"onmouseover="alert(1))',
    "<!--<script>alert(1)</script>-->",
    "<base href=https://evil.example/>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "<link rel=stylesheet href=https://evil.example/x.css>",
]

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "del",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRS = {"href", "title", "rel", "start", "align"}
SAFE_SCHEMES = ("http://", "https://", "mailto:", "/", "#")
BODY_RE = re.compile(r'<div class="post__body" dir="auto"(?: lang="[a-z-]+")?>(.*?)</div>', re.S)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def _assert_inert(html: str) -> None:
    """Only allowlisted elements and attributes, and links with safe schemes, are real HTML."""
    collector = _Collector()
    collector.feed(html)
    for tag, attrs in collector.tags:
        assert tag in ALLOWED_TAGS, f"<{tag}> in {html!r}"
        for name, value in attrs:
            assert name in ALLOWED_ATTRS, f"{name}= in {html!r}"
            if name == "href":
                assert value.strip().lower().startswith(SAFE_SCHEMES), f"href={value!r}"


def _bodies(page: str) -> list[str]:
    bodies = BODY_RE.findall(page)
    assert bodies, "no post body on the page"
    return bodies


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_is_stored_as_inert_html(member, payload):
    thread = factories.thread(member, body=payload)
    _assert_inert(thread.posts.get().body_html)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_is_inert_on_the_thread_page(member_client, member, payload):
    thread = factories.thread(member, title=f"Title {payload}"[:150], body=payload)
    services.post_edit(editor=member, post=thread.posts.get(), body=f"{payload} edited")
    for body in _bodies(member_client.get(thread.get_absolute_url()).text):
        _assert_inert(body)
    for body in _bodies(member_client.get(f"/forum/p/{thread.posts.get().pk}/history/").text):
        _assert_inert(body)
    assert "<script>alert" not in member_client.get("/forum/").text


@pytest.mark.parametrize("payload", PAYLOADS[:8])
def test_hostile_text_is_inert_in_a_preview(member_client, payload):
    response = member_client.post(
        "/forum/new/", {"category": "prevention", "title": "A preview", "body": payload, "preview": "1"}
    )
    for body in _bodies(response.text):
        _assert_inert(body)


def test_links_get_nofollow_and_noopener(member):
    html = factories.thread(member, body="[UN Women](https://www.unwomen.org)").posts.get().body_html
    assert 'rel="nofollow noopener noreferrer"' in html


def test_images_from_other_hosts_are_not_loaded(member):
    html = factories.thread(member, body="![tracker](https://evil.example/pixel.png)").posts.get().body_html
    assert "<img" not in html
