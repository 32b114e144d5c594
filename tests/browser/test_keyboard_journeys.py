"""Keyboard-only journeys: replying in a thread, uploading a resource and sending a chat
message with Tab, Shift+Tab, Enter, Space and typing, never a click. Every control reached
shows a visible focus indicator, and the skip link takes focus to the content."""

import re

from playwright.sync_api import expect

from accounts.models import Role
from chat.models import Message, Room
from forum import services as forum_services
from forum.models import Category, Post
from resources.demo import build_pdf
from resources.models import Resource
from taxonomy.models import Language, ResourceType
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB

from .conftest import log_in

pytestmark = LIVE_DB

FOCUS = """(selector) => {
  const el = document.activeElement;
  if (!el || !el.matches(selector)) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {outline: style.outlineStyle, width: parseFloat(style.outlineWidth), w: box.width, h: box.height};
}"""


def tab_to(page, selector: str, backwards: bool = False, limit: int = 250):
    """Press Tab (or Shift+Tab) until the focused element matches ``selector``; check that
    its focus is visible and that it is a target of at least 24 x 24 CSS px."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focused = page.evaluate(FOCUS, selector)
        if focused:
            assert focused["outline"] != "none" and focused["width"] >= 2, f"{selector}: no visible focus"
            assert focused["w"] >= 24 and focused["h"] >= 24, f"{selector}: target smaller than 24 x 24 px"
            return
    raise AssertionError(f"Tab never reached {selector}")


def use_skip_link(page):
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')"), "the skip link comes first"
    expect(page.locator(".skip-link")).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    assert page.evaluate("document.activeElement.id") == "main", "the skip link moves focus to the content"


def test_a_member_replies_in_a_thread_with_the_keyboard_only(new_page):
    author = UserFactory(display_name="Aigerim")
    replier = UserFactory(display_name="Dilnoza")
    thread = forum_services.thread_create(
        author=author,
        category=Category.objects.get(slug="survivor-services"),
        title="Hotline staffing at night",
        body="How do you keep the hotline staffed between midnight and six?",
    )
    page = new_page()
    log_in(page, replier.email, TEST_PASSWORD)
    page.goto(thread.get_absolute_url())

    use_skip_link(page)
    tab_to(page, ".composer-form textarea[name=body]")
    page.keyboard.type("We run two shifts with volunteers on call.")
    tab_to(page, ".composer-form button.button--primary")
    # A step back and forth: Shift+Tab returns to Preview, Tab to Post reply.
    tab_to(page, ".composer-form button[name=preview]", backwards=True)
    tab_to(page, ".composer-form button.button--primary")
    page.keyboard.press("Enter")

    expect(page.locator("article#post-2")).to_contain_text("We run two shifts with volunteers on call.")
    assert Post.objects.filter(thread=thread, author=replier, body__contains="two shifts").exists()


def test_an_expert_uploads_a_resource_with_the_keyboard_only(new_page):
    expert = UserFactory(role=Role.EXPERT, display_name="Dinara")
    toolkit = ResourceType.objects.get(slug="toolkit")
    russian = Language.objects.get(slug="ru")
    english = Language.objects.get(slug="en")
    page = new_page()
    log_in(page, expert.email, TEST_PASSWORD)
    page.goto("/resources/")

    use_skip_link(page)
    tab_to(page, "a[href='/resources/new/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/resources/new/$"))

    tab_to(page, "input[name=title]")
    page.keyboard.type("Referral pathways for survivors in Osh")
    tab_to(page, "textarea[name=summary]")
    page.keyboard.type("Who to call, in which order, for medical, legal and shelter help.")
    tab_to(page, f"input[name=types][value='{toolkit.pk}']")
    page.keyboard.press("Space")
    # The list of languages is folded with the interface language (English) chosen: open it,
    # choose Russian and untick English.
    tab_to(page, "details:has(input[name=languages]) > summary")
    page.keyboard.press("Enter")
    tab_to(page, f"input[name=languages][value='{russian.pk}']")
    page.keyboard.press("Space")
    tab_to(page, f"input[name=languages][value='{english.pk}']")
    page.keyboard.press("Space")
    tab_to(page, "input[type=file][name=files]")
    # The file chooser is the operating system's: the focused input is given the file.
    page.locator("input[type=file][name=files]").set_input_files(
        files=[
            {"name": "referral-pathways.pdf", "mimeType": "application/pdf", "buffer": build_pdf("Referral", ["Osh"])}
        ]
    )
    tab_to(page, "form button[type=submit].button--primary")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/resources/\d+/$"))
    expect(page.get_by_role("link", name="Download referral-pathways.pdf")).to_be_visible()
    resource = Resource.objects.get(title="Referral pathways for survivors in Osh")
    assert list(resource.types.all()) == [toolkit]
    assert list(resource.languages.all()) == [russian]
    assert resource.files.count() == 1


def test_a_member_sends_a_chat_message_with_the_keyboard_only_and_others_hear_it(new_page):
    aigul = UserFactory(display_name="Aigul")
    nodira = UserFactory(display_name="Nodira")
    room = Room.objects.get(slug="regional-exchange")
    pages = {}
    for who in (aigul, nodira):
        pages[who] = page = new_page()
        log_in(page, who.email, TEST_PASSWORD)
        page.goto(room.get_absolute_url())
        expect(page.get_by_role("status").filter(has_text="Connected")).to_be_visible()
    page, other = pages[aigul], pages[nodira]

    use_skip_link(page)
    tab_to(page, "#chat-composer textarea[name=body]")
    page.keyboard.type("Our shelter in Almaty has two free places")
    tab_to(page, "#chat-composer button[type=submit]")
    page.keyboard.press("Enter")

    # Delivered: stored, shown to the sender and, live, to the other member.
    expect(page.get_by_role("list", name="Messages").get_by_text("two free places")).to_be_visible()
    expect(other.get_by_role("list", name="Messages").get_by_text("two free places")).to_be_visible()
    assert Message.objects.filter(room=room, sender=aigul, body__contains="two free places").exists()
    # The other member's screen reader hears who wrote and what; the sender hears nothing.
    expect(other.locator("#chat-announcer")).to_have_text("Aigul: Our shelter in Almaty has two free places")
    expect(other.locator("#chat-announcer")).to_have_attribute("aria-live", "polite")
    expect(page.locator("#chat-announcer")).to_have_text("")

    # Enter in the message box sends too.
    tab_to(page, "#chat-composer textarea[name=body]", backwards=True)
    page.keyboard.type("Call me tomorrow")
    page.keyboard.press("Enter")
    # A second message is a new line of the log: a burst is heard in full, in order.
    expect(other.locator("#chat-announcer p")).to_have_text(
        ["Aigul: Our shelter in Almaty has two free places", "Aigul: Call me tomorrow"]
    )
    assert Message.objects.filter(room=room, sender=aigul).count() == 2
