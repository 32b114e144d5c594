"""A member with a chat page open sees the notification bell count up when a colleague
mentions them, without reloading."""

from playwright.sync_api import expect

from tests.factories import UserFactory
from tests.helpers import LIVE_DB

from .test_journey_chat_realtime import _open_room, _write

pytestmark = LIVE_DB


def test_a_mention_counts_up_the_bell_live(new_page):
    gulnara = UserFactory(display_name="Gulnara")
    colleague = UserFactory(display_name="Colleague")
    gulnara_page = _open_room(new_page, gulnara)
    bell = gulnara_page.locator("[data-notification-bell]")
    expect(bell.locator("[data-unread-count]")).to_be_hidden()
    colleague_page = _open_room(new_page, colleague)
    _write(colleague_page, "@Gulnara could you share the referral form?")
    expect(bell.locator("[data-unread-number]")).to_have_text("1")
    expect(bell.locator("[data-unread-count]")).to_be_visible()
