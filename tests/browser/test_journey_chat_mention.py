"""Journey 4 with a mention: in a chat room, "@" and part of a name offer the same member
list as the forum; choosing one writes the mention by member id without sending, Enter then
sends, and the message shows the colleague's name once, linked. A whole name typed by hand
is one mention too."""

from playwright.sync_api import expect

from chat.models import Message
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB

from .conftest import log_in

pytestmark = LIVE_DB


def _open_room(page, user):
    log_in(page, user.email, TEST_PASSWORD)
    page.goto("/chat/regional-exchange/")
    expect(page.locator("#chat-status")).to_have_attribute("data-state", "connected")
    return page.get_by_role("textbox", name="Message")


def test_the_chat_box_suggests_members_after_an_at_sign_and_enter_chooses_without_sending(page):
    colleague = UserFactory(display_name="Partner in Afghanistan")
    box = _open_room(page, UserFactory(display_name="Malika"))

    box.click()
    box.type("Здравствуйте, @Partner")
    option = page.get_by_role("option", name="Partner in Afghanistan")
    expect(option).to_be_visible()
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    box.press("Enter")
    expect(box).to_have_value(f"Здравствуйте, @[Partner in Afghanistan](member:{colleague.pk}) ")
    assert not Message.objects.filter(sender__display_name="Malika").exists()

    box.type("hello")
    box.press("Enter")
    sent = page.locator(".chat-message__body", has_text="hello").last
    expect(sent.get_by_role("link", name="@Partner in Afghanistan")).to_be_visible()
    expect(sent).to_have_text("Здравствуйте, @Partner in Afghanistan hello")
    message = Message.objects.get(sender__display_name="Malika")
    assert list(message.mentions.all()) == [colleague]


def test_a_whole_name_typed_by_hand_in_chat_reads_once(page):
    colleague = UserFactory(display_name="Айжан Н.")
    box = _open_room(page, UserFactory(display_name="Dilnoza T."))

    box.fill("@Айжан Н. посмотрите протокол")
    page.get_by_role("button", name="Send").click()
    sent = page.locator(".chat-message__body", has_text="протокол").last
    expect(sent).to_have_text("@Айжан Н. посмотрите протокол")
    expect(sent.get_by_role("link", name="@Айжан Н.")).to_have_attribute("href", f"/members/{colleague.pk}/")
