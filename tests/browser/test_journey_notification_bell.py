"""The header bell counts live on every page: a member reading the forum sees it count up
when someone replies to their thread, and a member whose post a moderator hid reads why."""

from playwright.sync_api import expect

from accounts.models import Role
from forum import services
from forum.models import Category
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB, with_second_factor

from .conftest import log_in

pytestmark = LIVE_DB


def _thread(author, title="Hotline staffing at night"):
    return services.thread_create(
        author=author,
        category=Category.objects.get(slug="survivor-services"),
        title=title,
        body="How do you keep the hotline staffed between midnight and six?",
    )


def _reply(page, thread, text):
    page.goto(thread.get_absolute_url())
    page.get_by_label("Your reply").fill(text)
    page.get_by_role("button", name="Post reply").click()
    expect(page.locator("article").filter(has_text=text).first).to_be_visible()


def test_the_bell_counts_up_on_a_forum_page_when_someone_replies(new_page):
    aigerim = UserFactory(display_name="Aigerim")
    dilnoza = UserFactory(display_name="Dilnoza")
    thread = _thread(aigerim)

    page = new_page()
    log_in(page, aigerim.email, TEST_PASSWORD)
    page.goto("/forum/")
    bell = page.locator("[data-notification-bell]")
    expect(bell.locator("[data-unread-count]")).to_be_hidden()
    expect(bell).to_have_attribute("data-bell-ws", "/ws/notifications/")

    # Someone else replies, twice, from their own browser: one grouped item, counted once.
    other = new_page()
    log_in(other, dilnoza.email, TEST_PASSWORD)
    _reply(other, thread, "We run two shifts.")
    expect(bell.locator("[data-unread-number]")).to_have_text("1")
    expect(bell.locator("[data-unread-count]")).to_be_visible()
    expect(page.locator("[data-bell-status]")).to_have_text("1 unread notification")
    _reply(other, thread, "And volunteers on call.")
    _reply(other, _thread(aigerim, "Court escorts"), "Yes.")
    expect(bell.locator("[data-unread-number]")).to_have_text("2")

    # The list shows what the bell counts.
    page.goto("/notifications/")
    expect(page.get_by_text("2 new replies in “Hotline staffing at night”")).to_be_visible()
    expect(page.get_by_text("Dilnoza replied in “Court escorts”")).to_be_visible()


def test_a_hidden_posts_author_reads_the_reason(new_page):
    farida = UserFactory(display_name="Farida")
    moderator = with_second_factor(UserFactory(role=Role.MODERATOR, display_name="Moderator Saule"))
    thread = _thread(UserFactory(display_name="Aigerim"))
    post = services.post_create(author=farida, thread=thread, body="Her name is …")

    services.post_hide(actor=moderator, post=post, reason="Names a survivor")
    page = new_page()
    log_in(page, farida.email, TEST_PASSWORD)
    page.goto("/forum/")
    expect(page.locator("[data-unread-number]")).to_have_text("1")

    page.locator("[data-notification-bell]").click()
    item = page.get_by_role("listitem").filter(has_text="hidden by a moderator")
    expect(item).to_contain_text("Your post in “Hotline staffing at night” was hidden by a moderator: Names a survivor")
    expect(item).not_to_contain_text("Moderator Saule")
