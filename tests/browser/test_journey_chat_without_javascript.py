"""Chat without JavaScript: history is readable, older history pages, and the plain form sends."""

import pytest
from playwright.sync_api import expect

from chat import services
from chat.models import Message, Room
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB

from .conftest import log_in

pytestmark = LIVE_DB


@pytest.fixture
def page_without_js(browser_instance, live_asgi):
    context = browser_instance.new_context(base_url=live_asgi.url, locale="en-GB", java_script_enabled=False)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_a_member_reads_history_and_writes_without_javascript(page_without_js, settings):
    settings.CHAT_RATE_BURST = 1000
    author = UserFactory(display_name="Gulnora")
    reader = UserFactory(display_name="Saule")
    room = Room.objects.get(slug="regional-exchange")
    for index in range(60):
        services.message_send(sender=author, room=room, body=f"Update number {index}", client_id=f"nojs-{index}")

    page = page_without_js
    log_in(page, reader.email, TEST_PASSWORD)
    page.goto("/chat/regional-exchange/")
    history = page.get_by_role("list", name="Messages")
    expect(history.get_by_text("Update number 59")).to_be_visible()
    expect(history.get_by_text("Update number 5", exact=True)).to_have_count(0)

    page.get_by_role("link", name="Older messages").click()
    expect(page.get_by_role("list", name="Messages").get_by_text("Update number 5", exact=True)).to_be_visible()

    page.get_by_role("link", name="Back to the latest messages").click()
    page.get_by_role("textbox", name="Message").fill("Sent with the plain form")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("list", name="Messages").get_by_text("Sent with the plain form")).to_be_visible()
    assert Message.objects.filter(body="Sent with the plain form", sender=reader).count() == 1
