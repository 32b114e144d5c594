"""A member writes a forum reply with a phone number in it, is asked calmly to check that it
identifies nobody, confirms, and the reply appears."""

from playwright.sync_api import expect

from forum import services
from forum.models import Category
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB

from .conftest import log_in

pytestmark = LIVE_DB


def test_a_reply_with_a_phone_number_is_checked_confirmed_and_published(new_page):
    author = UserFactory(display_name="Aigerim")
    replier = UserFactory(display_name="Dilnoza")
    thread = services.thread_create(
        author=author,
        category=Category.objects.get(slug="survivor-services"),
        title="Night hotlines in Bishkek",
        body="Which numbers can we share with partners?",
    )

    page = new_page()
    log_in(page, replier.email, TEST_PASSWORD)
    page.goto(thread.get_absolute_url())
    page.get_by_label("Your reply").fill("The crisis centre's public line is +996 555 123 456.")
    page.get_by_role("button", name="Post reply").click()

    # Nothing is published yet; the page explains what it found and keeps the text.
    expect(page.get_by_text("seems to contain a phone number")).to_be_visible()
    expect(page.get_by_label("Your reply")).to_have_value("The crisis centre's public line is +996 555 123 456.")
    page.get_by_label("I have checked: this does not identify a survivor or any private person").check()
    page.get_by_role("button", name="Post reply").click()

    reply = page.locator("article#post-2")
    expect(reply).to_be_visible()
    expect(reply).to_contain_text("+996 555 123 456")


def test_a_reply_with_a_street_address_is_checked_before_it_is_published(new_page):
    author = UserFactory(display_name="Aigerim")
    replier = UserFactory(display_name="Dilnoza")
    thread = services.thread_create(
        author=author,
        category=Category.objects.get(slug="survivor-services"),
        title="Where can she stay tonight?",
        body="A colleague asks about emergency places.",
    )
    text = "She is staying with her aunt, ул. Абая 15, кв. 32, until Monday."

    page = new_page()
    log_in(page, replier.email, TEST_PASSWORD)
    page.goto(thread.get_absolute_url())
    page.get_by_label("Your reply").fill(text)
    page.get_by_role("button", name="Post reply").click()

    # The address is named as what was found; nothing is published until the author confirms.
    expect(page.get_by_text("seems to contain a street address")).to_be_visible()
    expect(page.get_by_label("Your reply")).to_have_value(text)
    expect(page.locator("article#post-2")).to_have_count(0)
    page.get_by_label("I have checked: this does not identify a survivor or any private person").check()
    page.get_by_role("button", name="Post reply").click()
    expect(page.locator("article#post-2")).to_contain_text("ул. Абая 15")
