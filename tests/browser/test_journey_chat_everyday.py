"""Everyday chat: a busy room opens with the newest message and the box on the first screen
(phone and laptop), the phone keeps the box above the keyboard, times read in the member's
own zone the same live and after a reload, direct conversations carry the other person's
name, and a room opened at a linked message stays live."""

import re

import pytest
from playwright.sync_api import expect

from chat import services
from chat.models import Room
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB

from .conftest import log_in
from .test_journey_chat_compact import _history, _on_first_screen, _settles_in_view

pytestmark = LIVE_DB

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}


def _open(new_page, user, viewport, url="/chat/regional-exchange/"):
    page = new_page()
    page.set_viewport_size(viewport)
    log_in(page, user.email, TEST_PASSWORD)
    page.goto(url)
    expect(page.locator("#chat-status")).to_have_attribute("data-state", "connected")
    return page


def _send(page, text):
    page.get_by_role("textbox", name="Message").fill(text)
    page.get_by_role("button", name="Send").click()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_a_room_with_200_messages_opens_with_the_box_and_the_newest_message_in_view(new_page, viewport):
    room = Room.objects.get(slug="regional-exchange")
    _history(room, [UserFactory(display_name="Aigul"), UserFactory(display_name="Nodira")], 200)
    page = _open(new_page, UserFactory(display_name="Saule"), viewport)
    newest = page.locator(f"#m-{room.last_seq}")
    expect(newest).to_contain_text(f"History line {room.last_seq}")
    _settles_in_view(page, f"#m-{room.last_seq}", in_history=True)
    for selector in ("#chat-composer textarea", "#chat-composer button[type=submit]", ".quick-exit__button"):
        _settles_in_view(page, selector)


def test_on_a_phone_the_box_stays_above_the_keyboard_and_history_scrolls_above_it(new_page):
    room = Room.objects.get(slug="regional-exchange")
    _history(room, [UserFactory(display_name="Aigul")], 120)
    page = _open(new_page, UserFactory(), PHONE)
    box = page.get_by_role("textbox", name="Message")
    # The room fills the screen: the history is the part that scrolls.
    room_box = page.locator("#chat-room").bounding_box()
    assert room_box["y"] + room_box["height"] <= PHONE["height"] + 1
    page.locator("#chat-scroller").evaluate("s => { s.scrollTop = -2000; }")
    assert _on_first_screen(page, box)
    # The on-screen keyboard leaves less room: the box moves up with the visible area.
    box.focus()
    page.set_viewport_size({"width": 390, "height": 480})
    page.wait_for_function("() => document.getElementById('chat-room').style.getPropertyValue('--chat-height') !== ''")
    page.wait_for_timeout(200)
    assert _on_first_screen(page, box) and _on_first_screen(page, page.get_by_role("button", name="Send"))


def test_a_live_message_reads_as_after_a_reload_in_the_members_own_zone(new_page):
    aigul = UserFactory(display_name="Aigul", time_zone="Asia/Almaty")
    parwin = UserFactory(display_name="Parwin", time_zone="Asia/Kabul")
    aigul_page = _open(new_page, aigul, LAPTOP)
    parwin_page = _open(new_page, parwin, PHONE)
    _send(aigul_page, "The hotline is open tonight")
    live = parwin_page.locator(".chat-message", has_text="The hotline is open tonight")
    expect(live).to_be_visible()
    seq = live.get_attribute("data-seq")
    live_time, live_datetime = live.locator("time").inner_text(), live.locator("time").get_attribute("datetime")
    live_meta = live.locator(".chat-message__meta").inner_html()
    assert live_datetime.endswith("+0430")  # Kabul, not the hub's Almaty
    parwin_page.reload()
    reloaded = parwin_page.locator(f"#m-{seq}")
    assert reloaded.locator("time").inner_text() == live_time
    assert reloaded.locator("time").get_attribute("datetime") == live_datetime
    assert reloaded.locator(".chat-message__meta").inner_html() == live_meta
    # Half an hour apart from what the sender, in the hub's zone, reads.
    assert aigul_page.locator(f"#m-{seq} time").get_attribute("datetime").endswith("+0500")


def test_a_direct_conversation_shows_the_other_persons_name_only(new_page):
    zarina = UserFactory(display_name="Zarina", discreet_mode=False)
    malika = UserFactory(display_name="Malika", discreet_mode=False)
    room = services.direct_start(sender=zarina, recipients=[malika])
    page = _open(new_page, zarina, LAPTOP, room.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Malika")
    expect(page).to_have_title("Malika · Alliance Hub")
    page.goto("/chat/")
    direct = page.get_by_role("region", name="Direct messages")
    expect(direct.get_by_role("link", name="Malika", exact=True)).to_be_visible()
    expect(direct).not_to_contain_text("Zarina")


def test_a_message_arrives_live_on_a_page_opened_at_a_linked_message(new_page):
    room = Room.objects.get(slug="regional-exchange")
    aigul, saule = UserFactory(display_name="Aigul"), UserFactory(display_name="Saule")
    _history(room, [aigul], 30)
    linked = room.messages.get(seq=room.last_seq - 5)
    aigul_page = _open(new_page, aigul, LAPTOP)
    # The linked page reaches the newest message: new ones follow it, live.
    saule_page = _open(new_page, saule, LAPTOP, f"{room.get_absolute_url()}?m={linked.pk}")
    expect(saule_page.locator(f"#m-{linked.seq}")).to_have_class(re.compile(r"chat-message--target"))
    _send(aigul_page, "Arrived while reading an old message")
    expect(saule_page.locator("#chat-messages")).to_contain_text("Arrived while reading an old message")

    # Far back in history: the new message is not next to what is shown, so a button leads to it.
    _history(room, [aigul], 80)
    old = room.messages.get(seq=3)
    saule_page.goto(f"{room.get_absolute_url()}?m={old.pk}")
    expect(saule_page.locator("#chat-status")).to_have_attribute("data-state", "connected")
    _send(aigul_page, "Another one, much later")
    jump = saule_page.get_by_role("link", name="New messages below")
    expect(jump).to_be_visible()
    expect(saule_page.locator("#chat-messages")).not_to_contain_text("Another one, much later")
    jump.click()
    expect(saule_page.locator("#chat-messages")).to_contain_text("Another one, much later")


def _context(browser_instance, live_asgi):
    context = browser_instance.new_context(base_url=live_asgi.url, timezone_id="Asia/Dushanbe")
    context.set_default_timeout(15_000)
    return context


def test_the_browsers_zone_is_taken_once_and_never_over_a_choice(browser_instance, live_asgi):
    newcomer = UserFactory(display_name="Firuza")
    decided = UserFactory(display_name="Gulnora", time_zone="Asia/Tashkent")
    context = _context(browser_instance, live_asgi)
    page = context.new_page()
    log_in(page, newcomer.email, TEST_PASSWORD)
    expect(page.locator("script[src*='time-zone-guess']")).to_have_count(1)
    # The guess is posted in the background once the page has loaded.
    for _attempt in range(100):
        newcomer.refresh_from_db()
        if newcomer.time_zone:
            break
        page.wait_for_timeout(100)
    assert newcomer.time_zone == "Asia/Dushanbe"
    page.goto("/forum/")
    expect(page.locator("script[src*='time-zone-guess']")).to_have_count(0)
    context.close()

    context = _context(browser_instance, live_asgi)
    page = context.new_page()
    log_in(page, decided.email, TEST_PASSWORD)
    expect(page.locator("script[src*='time-zone-guess']")).to_have_count(0)
    decided.refresh_from_db()
    assert decided.time_zone == "Asia/Tashkent"
    context.close()
