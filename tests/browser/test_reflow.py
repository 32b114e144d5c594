"""Reflow (WCAG 1.4.10) on staff pages and the header: at 320 CSS pixels (a small phone, and a
1,280-pixel screen at 400 % zoom) nothing scrolls sideways, in English, Uzbek and Dari, and the
language switcher's button holds its text in every language."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from accounts.models import Role, Status
from forum import services as forum_services
from forum.models import Category
from taxonomy.models import Country
from tests.factories import TEST_PASSWORD, TOTP_SECRET, UserFactory
from tests.helpers import LIVE_DB
from tests.resources.factories import make_resource

from .conftest import log_in

pytestmark = LIVE_DB

NARROW = {"width": 320, "height": 640}  # a small phone; also 1,280 px at 400 %
DESKTOP = {"width": 1280, "height": 800}
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
# Elements wider than the page, or whose content spills past their own border.
SPILLS = """() => {
  const width = document.documentElement.clientWidth;
  const rtl = document.documentElement.dir === "rtl";
  const found = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (!box.width || getComputedStyle(el).visibility === "hidden") continue;
    if (rtl ? box.left < -1 : box.right > width + 1) {
      found.push(`${el.tagName.toLowerCase()}.${el.className} sticks out (${Math.round(box.left)}..${Math.round(box.right)})`);
    }
  }
  return found.slice(0, 8);
}"""


def _set_language(page, url, code):
    page.context.add_cookies([{"name": "django_language", "value": code, "url": url}])


@pytest.fixture
def staff_world():
    member = UserFactory(display_name="Aigerim Seitkali-Abdrakhmanova")
    colleague = UserFactory(display_name="Dilnoza")
    UserFactory(
        role=Role.APPLICANT,
        status=Status.PENDING,
        display_name="Applicant with a rather long organisation name",
        organisation="Public Association “Crisis Centre for Women and Children Sezim-Kyrgyzstan”",
        country=Country.objects.get(slug="kg"),
    )
    thread = forum_services.thread_create(
        author=member, category=Category.objects.get(slug="survivor-services"), title="Night shifts", body="Hello"
    )
    reply = forum_services.post_create(author=colleague, thread=thread, body="A reply with a long-unbroken-word-" * 3)
    forum_services.post_report(reporter=member, post=reply, reason="harassment", note="Rude")
    make_resource(author=member, title="Toolkit waiting for review", submit=True)
    moderator = UserFactory(role=Role.MODERATOR, display_name="Moderator Saule")
    return {"member": member, "moderator": moderator}


STAFF_PAGES = [
    "/moderation/",
    "/moderation/applications/",
    "/moderation/reports/",
    "/moderation/members/",
    "/moderation/invitations/",
    "/moderation/audit/",
    "/resources/review/",
]


@pytest.mark.parametrize("language", ["en", "uz", "fa-af"])
def test_staff_pages_reflow_at_320_pixels(new_page, live_asgi, staff_world, language):
    page = new_page()
    page.set_viewport_size(NARROW)
    log_in(page, staff_world["moderator"].email, TEST_PASSWORD, totp_secret=TOTP_SECRET)
    _set_language(page, live_asgi.url, language)
    problems = []
    pages = [*STAFF_PAGES, f"/moderation/members/{staff_world['member'].pk}/"]
    for url in pages:
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("lang", language)
        overflow = page.evaluate(OVERFLOW)
        if overflow > 0:
            problems.append(f"[{language}] {url} scrolls sideways by {overflow}px: {page.evaluate(SPILLS)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_language_button_holds_its_text_and_anonymous_pages_do_not_scroll(new_page, live_asgi, language):
    page = new_page()
    _set_language(page, live_asgi.url, language)
    for viewport in (DESKTOP, NARROW):
        page.set_viewport_size(viewport)
        for url in ("/accounts/login/", "/accounts/signup/", "/safety/"):
            page.goto(url)
            button = page.locator(".lang-switch button")
            spill = button.evaluate("b => b.scrollWidth - b.clientWidth")
            assert spill <= 0, f"[{language} {viewport['width']}px] {url}: the button's text spills by {spill}px"
            overflow = page.evaluate(OVERFLOW)
            assert overflow <= 0, f"[{language} {viewport['width']}px] {url} scrolls sideways by {overflow}px"
