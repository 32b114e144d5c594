"""Journeys: a draft typed on one device opens on another; leaving with unsaved text asks
first, and not once the draft is saved; the preview and a quote appear without leaving the
page; the quick exit leaves at once while a reply is being typed."""

import re

import pytest
from playwright.sync_api import expect

from forum.models import Draft, Thread
from tests.factories import TEST_PASSWORD, UserFactory
from tests.forum.factories import thread as thread_factory
from tests.helpers import LIVE_DB

from .conftest import log_in

pytestmark = LIVE_DB


@pytest.fixture
def neutral_site(settings, live_asgi):
    settings.QUICK_EXIT_URL = f"{live_asgi.url}/healthz"
    return settings.QUICK_EXIT_URL


def _leave(page, path: str) -> None:
    """Navigate as a link would, without moving the focus (which would save the draft)."""
    try:
        page.evaluate("(path) => { window.location.href = path; }", path)
    except Exception:  # noqa: BLE001 - the page may already be gone when the navigation goes ahead
        pass


def test_a_draft_typed_on_one_device_opens_on_another(new_page):
    member = UserFactory(display_name="Gulnara")
    laptop = new_page()
    log_in(laptop, member.email, TEST_PASSWORD)
    laptop.goto("/forum/new/?category=prevention")
    laptop.get_by_label("Title").fill("Night shelters in winter")
    laptop.get_by_label("Message", exact=True).press_sequentially("Which shelters stay open at night?")
    expect(laptop.get_by_role("status").filter(has_text="Draft saved")).to_be_visible()
    expect(laptop.get_by_role("button", name="Discard draft")).to_be_visible()
    assert Draft.objects.get(author=member).body == "Which shelters stay open at night?"

    phone = new_page()
    log_in(phone, member.email, TEST_PASSWORD)
    phone.goto("/forum/drafts/")
    expect(phone.get_by_role("link", name="Night shelters in winter")).to_be_visible()
    phone.get_by_role("link", name="Continue").click()
    expect(phone.get_by_label("Title")).to_have_value("Night shelters in winter")
    expect(phone.get_by_label("Message", exact=True)).to_have_value("Which shelters stay open at night?")
    expect(phone.get_by_role("link", name="Your drafts (1)")).to_be_visible()

    # Publishing from the second device removes the draft everywhere.
    phone.get_by_role("button", name="Publish").click()
    expect(phone.get_by_role("heading", name="Night shelters in winter", level=1)).to_be_visible()
    assert not Draft.objects.filter(author=member).exists()


def test_leaving_with_unsaved_text_asks_first_but_not_after_saving(new_page):
    member = UserFactory()
    thread = thread_factory(UserFactory(), title="Referral paths in Osh")
    page = new_page()
    log_in(page, member.email, TEST_PASSWORD)
    page.goto(thread.get_absolute_url())
    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", on_dialog)
    box = page.get_by_label("Your reply")
    box.click()
    box.press_sequentially("Words not kept yet")
    _leave(page, "/forum/")
    page.wait_for_timeout(300)
    assert dialogs == ["beforeunload"]
    assert "/forum/t/" in page.url
    expect(box).to_have_value("Words not kept yet")

    # Once the status says the draft is saved, leaving asks nothing.
    expect(page.get_by_role("status").filter(has_text="Draft saved")).to_be_visible()
    _leave(page, "/forum/")
    page.wait_for_url(re.compile(r"/forum/$"))
    assert dialogs == ["beforeunload"]
    assert Draft.objects.get(author=member, thread=thread).body == "Words not kept yet"

    # Back on the thread the reply box holds the draft; discarding it empties the box.
    page.goto(thread.get_absolute_url())
    expect(box).to_have_value("Words not kept yet")
    box.press("End")
    box.press_sequentially(" and more")
    page.get_by_role("button", name="Discard draft").click()
    expect(page.get_by_text("The draft was discarded.")).to_be_visible()
    expect(page.get_by_label("Your reply")).to_have_value("")
    assert dialogs == ["beforeunload"]
    assert not Draft.objects.filter(author=member).exists()


def test_preview_and_quote_appear_without_leaving_the_page(new_page):
    member = UserFactory()
    author = UserFactory(display_name="Aigerim")
    thread = thread_factory(author, title="Hotline staffing", body="Who covers the night shift?")
    page = new_page()
    log_in(page, member.email, TEST_PASSWORD)
    page.goto(thread.get_absolute_url())
    page.evaluate("() => { window.stillHere = true; }")

    page.get_by_role("link", name="Quote").first.click()
    box = page.get_by_label("Your reply")
    expect(box).to_be_focused()
    expect(box).to_have_value(re.compile(r"^> \*\*Aigerim\*\* wrote:\n>\n> Who covers the night shift\?\n\n$"))
    box.press("Control+End")
    box.press_sequentially("We take **turns** each week.")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator("section.preview")
    expect(preview.locator("strong", has_text="turns")).to_be_visible()
    expect(preview.locator("blockquote")).to_contain_text("night shift")
    assert page.evaluate("() => window.stillHere === true")
    assert thread.posts.count() == 1

    page.get_by_role("button", name="Post reply").click()
    expect(page.locator("article#post-2 strong", has_text="turns")).to_be_visible()
    assert not Draft.objects.filter(author=member).exists()


def test_the_quick_exit_is_never_held_up_by_unsaved_text(new_page, neutral_site):
    member = UserFactory()
    page = new_page()
    log_in(page, member.email, TEST_PASSWORD)
    page.goto("/forum/new/?category=prevention")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    body = page.get_by_label("Message", exact=True)
    body.click()
    body.press_sequentially("Something I must not be seen writing")
    page.get_by_role("button", name="Exit this page").click()
    page.wait_for_url(neutral_site)
    assert dialogs == []
    assert not Thread.objects.exists()


@pytest.fixture
def page_without_js(browser_instance, live_asgi):
    context = browser_instance.new_context(base_url=live_asgi.url, locale="en-GB", java_script_enabled=False)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_without_javascript_a_draft_is_saved_listed_continued_and_discarded(page_without_js):
    member = UserFactory()
    thread = thread_factory(UserFactory(), title="Legal aid in Khujand")
    page = page_without_js
    log_in(page, member.email, TEST_PASSWORD)
    page.goto(thread.get_absolute_url())
    page.get_by_label("Your reply").fill("Lawyers who work pro bono")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved").first).to_be_visible()
    expect(page.get_by_label("Your reply")).to_have_value("Lawyers who work pro bono")

    page.goto("/accounts/profile/")
    page.get_by_role("link", name="Your forum drafts").click()
    expect(page.get_by_role("link", name="Reply to “Legal aid in Khujand”")).to_be_visible()
    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_label("Your reply")).to_have_value("Lawyers who work pro bono")
    page.get_by_role("button", name="Discard draft").click()
    expect(page.get_by_text("The draft was discarded.")).to_be_visible()
    expect(page.get_by_label("Your reply")).to_have_value("")
    assert not Draft.objects.filter(author=member).exists()
