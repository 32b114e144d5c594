"""Journey 4 (second part): a direct message reaches one person only."""

from playwright.sync_api import expect

from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB

from .conftest import log_in

pytestmark = LIVE_DB


def test_a_direct_message_reaches_only_its_recipient(new_page):
    zarina = UserFactory(display_name="Zarina")
    malika = UserFactory(display_name="Malika")
    outsider = UserFactory(display_name="Outsider")

    zarina_page = new_page()
    log_in(zarina_page, zarina.email, TEST_PASSWORD)
    zarina_page.goto("/chat/")
    zarina_page.get_by_label("Write to").fill("Malika")
    zarina_page.get_by_role("button", name="Start a conversation").click()
    # Each side sees the conversation under the other person's name, never their own.
    expect(zarina_page.get_by_role("heading", name="Malika", exact=True)).to_be_visible()
    expect(zarina_page.get_by_role("status").filter(has_text="Connected")).to_be_visible()
    zarina_page.get_by_role("textbox", name="Message").fill("Can we talk about the case conference?")
    zarina_page.get_by_role("button", name="Send").click()
    expect(zarina_page.get_by_role("list", name="Messages").get_by_text("case conference")).to_be_visible()
    direct_url = zarina_page.url

    # The recipient finds it with an unread count and answers; the answer arrives live.
    malika_page = new_page()
    log_in(malika_page, malika.email, TEST_PASSWORD)
    malika_page.goto("/chat/")
    direct = malika_page.get_by_role("region", name="Direct messages")
    expect(direct.get_by_text("1 unread")).to_be_visible()
    expect(direct.get_by_role("link", name="Malika")).to_have_count(0)
    direct.get_by_role("link", name="Zarina", exact=True).click()
    expect(malika_page.get_by_role("heading", name="Zarina", exact=True)).to_be_visible()
    expect(malika_page.get_by_text("Can we talk about the case conference?")).to_be_visible()
    expect(malika_page.get_by_role("status").filter(has_text="Connected")).to_be_visible()
    malika_page.get_by_role("textbox", name="Message").fill("Yes, tomorrow at ten")
    malika_page.get_by_role("button", name="Send").click()
    expect(zarina_page.get_by_role("list", name="Messages").get_by_text("Yes, tomorrow at ten")).to_be_visible()

    # Nobody else sees it or can open it.
    outsider_page = new_page()
    log_in(outsider_page, outsider.email, TEST_PASSWORD)
    outsider_page.goto("/chat/")
    expect(outsider_page.get_by_role("link", name="Zarina")).to_have_count(0)
    expect(outsider_page.get_by_role("link", name="Malika")).to_have_count(0)
    response = outsider_page.goto(direct_url)
    assert response.status == 404
    expect(outsider_page.get_by_text("case conference")).to_have_count(0)
