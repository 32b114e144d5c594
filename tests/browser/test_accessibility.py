"""Accessibility: axe-core (vendored, tests/browser/vendor/axe-core/) on every main page, in
English, Russian and Dari (right-to-left), on a desktop and a phone screen, with no serious or
critical violation allowed. AXE_ALL=1 (with pytest -s) prints the minor and moderate ones too."""

import functools
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from chat import services as chat_services
from chat.models import Room
from forum import services as forum_services
from forum.models import Category
from tests.factories import TEST_PASSWORD, TOTP_SECRET, UserFactory
from tests.helpers import LIVE_DB
from tests.resources.factories import make_resource, pdf_upload

from .conftest import log_in

pytestmark = LIVE_DB

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
# WCAG 2.0/2.1/2.2 A and AA rules plus axe's best practices (landmarks, headings, regions).
AXE_RUN = """async (context) => {
  const result = await axe.run(context || document, {
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    resultTypes: ["violations"],
  });
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
    why: v.nodes.length ? v.nodes[0].failureSummary : "",
  }));
}"""
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def axe_violations(page, label: str, only: str | None = None) -> list[str]:
    """Run axe on the loaded page (or only on the part ``only`` selects); describe its serious
    and critical violations."""
    page.wait_for_load_state()
    if only is None:
        # Open every disclosure (moderation tools, content warnings, message actions) so that
        # axe checks what they hold too. The phone's site menu and the account menu drop down
        # over the page: they are checked on their own.
        page.evaluate(
            "document.querySelectorAll('details:not(.account-menu):not(.site-menu)').forEach((d) => { d.open = true; })"
        )
    else:
        page.evaluate("(selector) => { document.querySelector(selector).open = true; }", only)
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = []
    for violation in page.evaluate(AXE_RUN, {"include": [only]} if only else None):
        if os.environ.get("AXE_ALL"):
            print(label, page.url, violation["impact"], violation["id"], violation["help"], violation["targets"])
        if violation["impact"] in ("serious", "critical"):
            found.append(
                f"{label}: {violation['id']} ({violation['impact']}) {violation['help']} -> {violation['targets']}"
                f"\n    {violation['why']}"
            )
    return found


def set_language_cookie(page, live_url: str, code: str):
    page.context.add_cookies([{"name": "django_language", "value": code, "url": live_url}])


@pytest.fixture
def new_page(new_page):
    """conftest's page factory with the Content Security Policy bypassed in the test browser,
    so that the test can inject axe (the product's policy rightly forbids foreign scripts)."""
    return functools.partial(new_page, bypass_csp=True)


@pytest.fixture
def content():
    """A member's world: a thread with a reply, a resource, a chat room with messages, a
    notification, and a report waiting for moderators."""
    member = UserFactory(display_name="Aigerim", organisation="Crisis centre Sezim", bio="Lawyer in Osh")
    colleague = UserFactory(display_name="Dilnoza")
    moderator = UserFactory(role=Role.MODERATOR, display_name="Moderator Saule")
    category = Category.objects.get(slug="survivor-services")
    thread = forum_services.thread_create(
        author=member,
        category=category,
        title="Hotline staffing at night",
        body="How do you keep the hotline **staffed** between midnight and six?",
        tags=["hotlines"],
    )
    reply = forum_services.post_create(author=colleague, thread=thread, body="> quoted\n\nWe run two shifts.")
    forum_services.reaction_toggle(user=member, post=reply, kind="thanks")
    forum_services.post_report(reporter=member, post=reply, reason="harassment", note="Rude")
    resource = make_resource(
        title="Court support for survivors in Almaty",
        # Member headings of every level, out of order: the page's heading order must hold.
        description="# Background\n\nWhy.\n\n#### Steps\n\n1. Call\n\n## Contacts\n\nThe centre.",
        uploads=[pdf_upload(name="court-support.pdf")],
    )
    room = Room.objects.get(slug="regional-exchange")
    chat_services.message_send(sender=colleague, room=room, body="Our shelter has **two** free places")
    chat_services.message_send(sender=member, room=room, body="Thank you")
    forum_services.draft_save(author=member, kind="thread", category=category, title="Night rota", body="Who can")
    return {
        "member": member,
        "colleague": colleague,
        "moderator": moderator,
        "category": category,
        "thread": thread,
        "resource": resource,
        "room": room,
    }


def member_pages(content) -> list[tuple[str, str]]:
    return [
        ("dashboard", "/"),
        ("forum index", "/forum/"),
        ("category", content["category"].get_absolute_url()),
        ("thread", content["thread"].get_absolute_url()),
        ("new thread", "/forum/new/"),
        ("drafts", "/forum/drafts/"),
        ("library", "/resources/?country=kz"),
        ("resource", content["resource"].get_absolute_url()),
        ("upload form", "/resources/new/"),
        ("chat index", "/chat/"),
        ("chat room", content["room"].get_absolute_url()),
        ("search results", "/search/?q=hotline"),
        ("notifications", "/notifications/"),
        ("profile and privacy", "/accounts/profile/"),
        ("security: two-factor", "/accounts/2fa/"),
        ("security: sessions", "/accounts/sessions/"),
        ("member directory", "/members/"),
    ]


@pytest.mark.parametrize(
    ("language", "viewport"),
    [("en", DESKTOP), ("ru", PHONE), ("fa-af", PHONE), ("fa-af", DESKTOP)],
    ids=["en-desktop", "ru-phone", "fa-af-phone", "fa-af-desktop"],
)
def test_main_pages_have_no_serious_accessibility_violations(new_page, live_asgi, content, language, viewport):
    problems = []

    def visit(page, label, url):
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("lang", language)
        if label == "chat room":
            # A message that arrives live is drawn by chat.js: it is checked too.
            expect(page.locator("#chat-status")).to_have_attribute("data-state", "connected")
            colleague.get_by_role("textbox", name="Message").fill("Is the hotline open on Sunday?")
            colleague.get_by_role("button", name="Send").click()
            expect(page.locator("#chat-messages")).to_contain_text("Is the hotline open on Sunday?")
            # The message toolbar and the reaction picker, shown by keyboard focus.
            live = page.locator("#chat-messages .chat-message").last
            live.locator(".chat-picker summary").focus()
            live.locator(".chat-picker summary").press("Enter")
            expect(live.locator(".chat-picker__choices")).to_be_visible()
            problems.extend(axe_violations(page, f"[{language}] chat toolbar", only="#chat-messages"))
            live.locator(".chat-picker summary").press("Enter")
        where = f"[{language} {viewport['width']}px] {label} {url}"
        # Axe judges touch targets where they are now: a page that scrolls itself (the chat
        # room places its composer) leaves its header under the sticky exit bar, which is no
        # size problem. Scan it from the top.
        page.evaluate("window.scrollTo(0, 0)")
        problems.extend(axe_violations(page, where))
        if label == "dashboard":
            problems.extend(axe_violations(page, f"{where} account menu", only=".account-menu"))
        # Reflow (WCAG 1.4.10): nothing pushes the page sideways, in either direction.
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            problems.append(f"{where}: the page scrolls sideways by {overflow}px")

    colleague = new_page()
    log_in(colleague, content["colleague"].email, TEST_PASSWORD)
    colleague.goto(content["room"].get_absolute_url())
    expect(colleague.locator("#chat-status")).to_have_attribute("data-state", "connected")

    anonymous = new_page()
    anonymous.set_viewport_size(viewport)
    set_language_cookie(anonymous, live_asgi.url, language)
    visit(anonymous, "login", "/accounts/login/")

    page = new_page()
    page.set_viewport_size(viewport)
    log_in(page, content["member"].email, TEST_PASSWORD)
    set_language_cookie(page, live_asgi.url, language)
    for label, url in member_pages(content):
        visit(page, label, url)

    moderator = new_page()
    moderator.set_viewport_size(viewport)
    log_in(moderator, content["moderator"].email, TEST_PASSWORD, totp_secret=TOTP_SECRET)
    set_language_cookie(moderator, live_asgi.url, language)
    for label, url in [("moderation inbox", "/moderation/"), ("moderation reports", "/moderation/reports/")]:
        visit(moderator, label, url)

    assert not problems, "axe found serious or critical violations:\n" + "\n".join(problems)
