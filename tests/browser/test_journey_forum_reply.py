"""Journey 2: a member opens a thread, replies with a quote and formatting, and the reply
appears; a second member sees the thread as unread; a moderator locks it and the reply form
disappears."""

import re

from playwright.sync_api import expect

from accounts.models import Role
from forum import services
from forum.models import Category
from tests.factories import TEST_PASSWORD, TOTP_SECRET, UserFactory
from tests.helpers import LIVE_DB

from .conftest import log_in

pytestmark = LIVE_DB


def test_reply_with_quote_unread_for_others_and_lock(new_page):
    author = UserFactory(display_name="Aigerim")
    replier = UserFactory(display_name="Dilnoza")
    reader = UserFactory(display_name="Farida")
    moderator = UserFactory(role=Role.MODERATOR, display_name="Moderator Saule")
    thread = services.thread_create(
        author=author,
        category=Category.objects.get(slug="survivor-services"),
        title="Hotline staffing at night",
        body="How do you keep the hotline staffed between midnight and six?",
        tags=["hotlines"],
    )
    services.thread_mark_read(user=reader, thread=thread, position=1)

    # The member finds the thread through its category and quotes the opening post.
    page = new_page()
    log_in(page, replier.email, TEST_PASSWORD)
    page.goto("/forum/")
    page.get_by_role("link", name="Survivor services").first.click()
    page.get_by_role("link", name="Hotline staffing at night").click()
    expect(page.get_by_role("heading", name="Hotline staffing at night", level=1)).to_be_visible()
    page.get_by_role("link", name="Quote").first.click()
    body = page.get_by_label("Your reply")
    expect(body).to_have_value(re.compile(r"> \*\*Aigerim\*\* wrote:"))
    body.press("End")
    body.press("Control+End")
    body.type("We run **two shifts** with volunteers on call.")
    page.get_by_role("button", name="Post reply").click()

    # The reply appears with its formatting and the quote.
    reply = page.locator("article#post-2")
    expect(reply).to_be_visible()
    expect(reply.locator("strong", has_text="two shifts")).to_be_visible()
    expect(reply.locator("blockquote")).to_contain_text("midnight and six")

    # A second member sees the thread as unread, with the number of new posts.
    other = new_page()
    log_in(other, reader.email, TEST_PASSWORD)
    other.goto("/forum/")
    row = other.get_by_role("listitem").filter(has=other.get_by_role("link", name="Hotline staffing at night"))
    expect(row.get_by_text("1 new post")).to_be_visible()
    row.get_by_role("link", name="Hotline staffing at night").click()
    expect(other).to_have_url(re.compile(r"#post-2$"))

    # A moderator locks the thread; the reply form is gone for the member.
    mod = new_page()
    log_in(mod, moderator.email, TEST_PASSWORD, totp_secret=TOTP_SECRET)
    mod.goto(thread.get_absolute_url())
    mod.get_by_text("Moderate this thread").click()
    mod.get_by_label("Reason (kept in the audit log)").first.fill("Question answered")
    mod.get_by_role("button", name="Lock", exact=True).click()
    expect(mod.get_by_text("The thread is locked.")).to_be_visible()

    page.goto(thread.get_absolute_url())
    expect(page.get_by_text("This thread is locked. New replies are closed.")).to_be_visible()
    expect(page.get_by_label("Your reply")).to_have_count(0)
    expect(page.get_by_role("link", name="Quote")).to_have_count(0)
