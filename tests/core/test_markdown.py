from html.parser import HTMLParser

import pytest

from core.markdown import ALLOWED_TAGS, render_markdown

# Real-world XSS payloads: none may survive as active content.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    "<b onmouseover=alert(1)>hover</b>",
    "<<script>script>alert(1)<</script>/script>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "![img](https://evil.example/track.png)",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<details open ontoggle=alert(1)>",
    "`<script>alert(1)</script>`",
    "<form action=https://evil.example><button>go</button></form>",
    "<!--<img src=x onerror=alert(1)>-->",
    '<object data="javascript:alert(1)"></object>',
    "<p>unclosed <em>nesting <strong>broken</p></em>",
]


class ElementCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements(html):
    collector = ElementCollector()
    collector.feed(html)
    return collector.elements


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_markup_is_rendered_inert(payload):
    found = elements(render_markdown(payload))
    for tag, attrs in found:
        assert tag in ALLOWED_TAGS, (payload, tag)
        for name, value in attrs.items():
            assert not name.startswith("on") and name != "style", (payload, name)
            if name == "href":
                assert value.split(":", 1)[0].lower() in {"http", "https", "mailto"}, (payload, value)


def test_a_javascript_link_loses_its_target():
    assert "href" not in render_markdown("[click](javascript:alert(1))")


def test_links_open_safely():
    html = render_markdown("[UN Women](https://www.unwomen.org)")
    assert 'href="https://www.unwomen.org"' in html
    assert 'rel="nofollow noopener noreferrer"' in html


def test_formatting_survives():
    html = render_markdown("**bold** _it_\n\n> quoted\n\n- one\n- two\n\n`code`")
    assert "<strong>bold</strong>" in html and "<em>it</em>" in html
    assert "<blockquote>" in html and "<li>one</li>" in html and "<code>code</code>" in html


def test_member_headings_never_outrank_the_page():
    html = render_markdown("# Big\n\n## Also big")
    assert "<h1>" not in html and "<h2>" not in html and "<h3>Big</h3>" in html


def test_member_headings_never_skip_a_level():
    html = render_markdown("### Starts deep\n\n###### Much deeper\n\n# Back up")
    assert html.count("<h3>") == 2 and "<h4>Much deeper</h4>" in html and "<h5>" not in html


def test_headings_under_a_page_title_start_at_h2():
    html = render_markdown("#### Background\n\n##### Details", top_heading=2)
    assert "<h2>Background</h2>" in html and "<h3>Details</h3>" in html
