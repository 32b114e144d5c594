"""In a live chat room a member sends a message with an email address; the page asks them to
check it, they confirm and it goes out; a message with a content warning reaches the other
member collapsed until opened."""

from playwright.sync_api import expect

from chat.models import Message
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB

from .conftest import log_in

pytestmark = LIVE_DB


def _open_room(new_page, user):
    page = new_page()
    log_in(page, user.email, TEST_PASSWORD)
    page.goto("/chat/")
    page.get_by_role("link", name="Regional exchange").click()
    expect(page.get_by_role("status").filter(has_text="Connected")).to_be_visible()
    return page


def test_the_live_chat_asks_about_personal_details_and_collapses_warned_messages(new_page):
    writer = UserFactory(display_name="Aigul")
    reader = UserFactory(display_name="Nodira")
    page = _open_room(new_page, writer)
    other = _open_room(new_page, reader)

    page.get_by_role("textbox", name="Message").fill("Write to the coordinator: office@crisis-centre.kz")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("seems to contain an email address")).to_be_visible()
    expect(page.get_by_role("textbox", name="Message")).to_have_value(
        "Write to the coordinator: office@crisis-centre.kz"
    )
    assert not Message.objects.exists()
    page.get_by_label("I have checked: this does not identify a survivor or any private person").check()
    page.get_by_role("button", name="Send").click()
    expect(other.get_by_role("list", name="Messages").get_by_text("office@crisis-centre.kz")).to_be_visible()

    page.get_by_role("textbox", name="Message").fill("What the survivor described to us")
    # The content warning is folded under the box until the member opens it.
    page.locator("details.chat-composer__warning > summary").click()
    page.get_by_label("Content warning").fill("violence")
    page.get_by_role("button", name="Send").click()
    warning = other.locator("details.chat-message__warning")
    expect(warning).to_contain_text("violence")
    expect(other.get_by_text("What the survivor described to us")).not_to_be_visible()
    warning.locator("summary").click()
    expect(other.get_by_text("What the survivor described to us")).to_be_visible()
