"""Right-to-left: in Dari the layout mirrors. The thread page and the library are rendered in
Dari and in English; the header and content start at the right edge in Dari and at the left in
English, and a screenshot of the page in Dari matches, on a coarse grid, the horizontally
flipped screenshot of the same page laid out left to right."""

import io

import pytest
from PIL import Image, ImageOps
from playwright.sync_api import expect

from forum import services as forum_services
from forum.models import Category
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB
from tests.resources.factories import make_resource, pdf_upload

from .conftest import log_in

pytestmark = LIVE_DB

VIEWPORT = {"width": 1024, "height": 900}
# Text differs in length between languages and does not mirror itself: for the screenshot
# comparison it is made invisible, so that what is compared is the layout (boxes, borders,
# backgrounds, buttons, bars). Scrollbars stay out of the picture too.
HIDE_TEXT = """
  *, *::before, *::after, ::placeholder { color: transparent !important; text-decoration-color: transparent !important;
    caret-color: transparent !important; text-shadow: none !important; }
  html { scrollbar-width: none; }
"""
GRID = (32, 24)  # columns, rows of the coarse comparison grid
TOLERANCE = 12  # mean channel difference (0-255) under which two grid cells are the same


def set_language(page, live_url, code):
    page.context.add_cookies([{"name": "django_language", "value": code, "url": live_url}])


def box(page, selector):
    found = page.locator(selector).first.bounding_box()
    assert found, f"{selector} is not displayed"
    return found


def grid(png: bytes) -> list[tuple[int, int, int]]:
    """Mean colour of each cell of a coarse grid over the screenshot."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    small = image.resize(GRID, Image.Resampling.BOX)
    return list(small.getdata())


def share_of_same_cells(first: bytes, second: bytes) -> float:
    same = sum(
        1
        for a, b in zip(grid(first), grid(second), strict=True)
        if max(abs(x - y) for x, y in zip(a, b, strict=True)) <= TOLERANCE
    )
    return same / (GRID[0] * GRID[1])


def flipped(png: bytes) -> bytes:
    out = io.BytesIO()
    ImageOps.mirror(Image.open(io.BytesIO(png)).convert("RGB")).save(out, format="PNG")
    return out.getvalue()


def layout_screenshot(page, direction: str) -> bytes:
    page.evaluate("(dir) => { document.documentElement.dir = dir; }", direction)
    page.evaluate("() => document.fonts.ready")
    return page.screenshot(animations="disabled")


@pytest.fixture
def pages_to_check():
    member = UserFactory(display_name="عایشه", organisation="Crisis centre")
    colleague = UserFactory(display_name="Dilnoza")
    thread = forum_services.thread_create(
        author=member,
        category=Category.objects.get(slug="survivor-services"),
        title="خط تماس شبانه برای بازماندگان",
        body="چگونه خط تماس را بین نیمه‌شب و شش صبح فعال نگه می‌دارید؟",
        tags=["hotlines"],
    )
    forum_services.post_create(author=colleague, thread=thread, body="We run two shifts with volunteers on call.")
    make_resource(title="Court support for survivors in Almaty", uploads=[pdf_upload(name="court-support.pdf")])
    make_resource(title="رهنمود حمایت حقوقی", uploads=[pdf_upload(name="guide.pdf")])
    return member, {"thread": thread.get_absolute_url(), "library": "/resources/"}


@pytest.mark.parametrize("which", ["thread", "library"])
def test_dari_pages_are_laid_out_right_to_left_and_mirror_english(new_page, live_asgi, pages_to_check, which, tmp_path):
    member, urls = pages_to_check
    page = new_page()
    page.set_viewport_size(VIEWPORT)
    log_in(page, member.email, TEST_PASSWORD)

    # English, left to right: the brand comes first at the left, then the navigation.
    set_language(page, live_asgi.url, "en")
    page.goto(urls[which])
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "ltr")
    expect(html).to_have_attribute("lang", "en")
    brand, nav, main_box, heading = box(page, ".brand"), box(page, ".main-nav"), box(page, "main"), box(page, "h1")
    assert brand["x"] < nav["x"]
    assert heading["x"] - main_box["x"] < 40, "the heading starts at the left of the content"
    if which == "thread":
        assert page.locator(".crumb-sep").first.evaluate("(el) => getComputedStyle(el).transform") == "none"
    page.screenshot(path=tmp_path / f"{which}-en-ltr.png")

    # Dari, right to left: everything starts at the right edge.
    set_language(page, live_asgi.url, "fa-af")
    page.goto(urls[which])
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "fa-af")
    brand, nav, main_box, heading = box(page, ".brand"), box(page, ".main-nav"), box(page, "main"), box(page, "h1")
    assert brand["x"] > nav["x"], "the brand is at the right, the navigation follows it leftwards"
    assert brand["x"] + brand["width"] > VIEWPORT["width"] - 40, "the brand starts at the right edge"
    first_link, last_link = box(page, ".main-nav li:first-child a"), box(page, ".main-nav li:last-child a")
    assert first_link["x"] > last_link["x"], "the navigation runs from right to left"
    assert (main_box["x"] + main_box["width"]) - (heading["x"] + heading["width"]) < 40, (
        "the heading starts at the right"
    )
    exit_button = box(page, ".quick-exit__button")
    assert exit_button["x"] < VIEWPORT["width"] / 2, "the quick exit sits at the inline end, on the left"
    if which == "thread":
        # The breadcrumb arrow points leftwards, along the reading direction.
        flip = page.locator(".crumb-sep").first.evaluate("(el) => getComputedStyle(el).transform")
        assert flip == "matrix(-1, 0, 0, 1, 0, 0)"
    page.screenshot(path=tmp_path / f"{which}-fa-af-rtl.png")

    # Pashto is written right to left too.
    set_language(page, live_asgi.url, "ps")
    page.goto(urls[which])
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ps")
    assert box(page, ".brand")["x"] > box(page, ".main-nav")["x"]
    set_language(page, live_asgi.url, "fa-af")
    page.goto(urls[which])

    # The same Dari page laid out left to right, and right to left: the second is the mirror
    # image of the first (text hidden; compared on a coarse grid).
    # A constructed style sheet: the product's Content Security Policy rightly refuses inline styles.
    page.evaluate(
        "(css) => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css);"
        " document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }",
        HIDE_TEXT,
    )
    rtl = layout_screenshot(page, "rtl")
    ltr = layout_screenshot(page, "ltr")
    (tmp_path / f"{which}-layout-rtl.png").write_bytes(rtl)
    (tmp_path / f"{which}-layout-ltr.png").write_bytes(ltr)
    mirrored = share_of_same_cells(flipped(ltr), rtl)
    unmirrored = share_of_same_cells(ltr, rtl)
    assert mirrored >= 0.97, f"only {mirrored:.0%} of the grid mirrors (screenshots in {tmp_path})"
    # Sanity: the layout is not symmetric, so the comparison above says something.
    assert unmirrored <= mirrored - 0.02, "the page is so symmetric that the comparison proves nothing"
