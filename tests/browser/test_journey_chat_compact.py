"""Chat rooms open where a chat opens (the newest message, or the first unread one, with the
message box on the first screen), messages are compact with one toolbar of actions, and a
live message reads exactly as it does after a reload."""

import pytest
from django.db.models import Max
from django.utils.html import escape
from playwright.sync_api import expect

from chat.models import Message, Room, RoomMember
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB

from .conftest import log_in

pytestmark = LIVE_DB

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
SIZES = pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])


def _history(room, authors, count):
    """``count`` stored messages, written straight to the table (the journeys are about
    reading them, and 200 sends would dominate the run)."""
    start = (room.messages.aggregate(top=Max("seq"))["top"] or 0) + 1
    Message.objects.bulk_create(
        Message(
            room=room,
            seq=seq,
            sender=authors[seq % len(authors)],
            sender_name=authors[seq % len(authors)].display_name,
            body=f"History line {seq}",
            body_html=f"<p>History line {seq}</p>",
        )
        for seq in range(start, start + count)
    )
    Room.objects.filter(pk=room.pk).update(last_seq=start + count - 1)
    room.refresh_from_db()


def _open(new_page, user, viewport, url="/chat/regional-exchange/"):
    page = new_page()
    page.set_viewport_size(viewport)
    log_in(page, user.email, TEST_PASSWORD)
    page.goto(url)
    expect(page.locator("#chat-status")).to_have_attribute("data-state", "connected")
    return page


def _on_first_screen(page, locator):
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


_SETTLED = """([selector, inHistory]) => {
  const box = document.querySelector(selector)?.getBoundingClientRect();
  const history = document.getElementById("chat-scroller").getBoundingClientRect();
  if (!box) return false;
  const onScreen = box.top >= 0 && box.bottom <= window.innerHeight;
  return onScreen && (!inHistory || (box.top >= history.top - 1 && box.bottom <= history.bottom + 1));
}"""


def _settles_in_view(page, selector, in_history=False):
    """The room places its history once connected, and again when the presence line fills
    in: what counts is where an element comes to rest, within a few seconds."""
    page.wait_for_function(_SETTLED, arg=[selector, in_history], timeout=5000)


@SIZES
def test_a_busy_room_opens_with_the_newest_message_and_the_box_on_the_first_screen(new_page, viewport):
    room = Room.objects.get(slug="regional-exchange")
    _history(room, [UserFactory(display_name="Aigul"), UserFactory(display_name="Nodira")], 200)
    reader = UserFactory(display_name="Saule")
    page = _open(new_page, reader, viewport)
    newest = page.locator(f"#m-{room.last_seq}")
    expect(newest).to_contain_text(f"History line {room.last_seq}")
    _settles_in_view(page, f"#m-{room.last_seq}", in_history=True)
    _settles_in_view(page, "#chat-composer textarea")

    # Older history loads above when scrolling up.
    before = page.locator("#chat-messages .chat-message").count()
    page.locator("#chat-older").scroll_into_view_if_needed()
    expect(page.locator("#chat-messages .chat-message")).not_to_have_count(before)
    expect(page.locator("#chat-messages")).to_contain_text("History line 150")


@SIZES
def test_a_member_with_unread_messages_lands_on_the_divider(new_page, viewport):
    room = Room.objects.get(slug="regional-exchange")
    reader = UserFactory(display_name="Saule")
    _history(room, [UserFactory(display_name="Aigul")], 120)
    RoomMember.objects.update_or_create(room=room, user=reader, defaults={"last_read_seq": room.last_seq - 60})
    page = _open(new_page, reader, viewport)
    expect(page.locator("#chat-new-messages")).to_have_text("New messages")
    _settles_in_view(page, "#chat-new-messages", in_history=True)
    _settles_in_view(page, "#chat-composer textarea")


def test_the_keyboard_reaches_the_message_box_in_a_few_tab_stops(new_page):
    room = Room.objects.get(slug="regional-exchange")
    _history(room, [UserFactory(display_name="Aigul")], 60)
    page = _open(new_page, UserFactory(), DESKTOP)
    page.locator("#chat-room").evaluate("room => { room.tabIndex = -1; room.focus(); }")
    for _stop in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('chat-skip')"):
            break
    page.keyboard.press("Enter")
    expect(page.get_by_role("textbox", name="Message")).to_be_focused()

    # Each message is one tab stop: its toolbar, whose controls arrow keys move between.
    last = page.locator("#chat-messages .chat-message").last
    first_control = last.get_by_role("toolbar").locator("summary")
    first_control.focus()
    expect(last.get_by_role("toolbar")).to_be_visible()
    page.keyboard.press("ArrowRight")
    expect(last.get_by_role("link", name="Reply")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator(":focus").locator("xpath=ancestor::li[contains(@class,'chat-message')]")).to_have_count(0)


@SIZES
def test_react_reply_edit_and_delete_through_the_toolbar(new_page, viewport):
    aigul = UserFactory(display_name="Aigul")
    nodira = UserFactory(display_name="Nodira")
    aigul_page = _open(new_page, aigul, viewport)
    nodira_page = _open(new_page, nodira, viewport)
    aigul_page.get_by_role("textbox", name="Message").fill("Who can host a training in May?")
    aigul_page.get_by_role("button", name="Send").click()
    question = nodira_page.locator(".chat-message", has_text="Who can host a training in May?")
    expect(question).to_be_visible()

    # React from the picker; the reaction then shows, live, for both.
    question.locator(".chat-picker summary").focus()
    question.locator(".chat-picker summary").click()
    question.locator(".chat-picker").get_by_role("button", name="Thumbs up").click()
    expect(question.locator(".chat-reactions .chat-reaction")).to_have_attribute("aria-pressed", "true")
    theirs = aigul_page.locator(".chat-message", has_text="Who can host a training in May?")
    expect(theirs.locator(".chat-reactions")).to_contain_text("1")
    expect(theirs.locator(".chat-reactions .chat-reaction")).to_have_attribute("aria-pressed", "false")

    # Reply: the live reply names the person, as the page does, and the notice goes.
    question.hover()
    question.get_by_role("link", name="Reply").click()
    expect(nodira_page.locator("#chat-replying")).to_contain_text("Replying to Aigul")
    expect(nodira_page.locator("#chat-status")).to_have_attribute("data-state", "connected")
    nodira_page.get_by_role("textbox", name="Message").fill("We can, in Tashkent")
    nodira_page.get_by_role("button", name="Send").click()
    expect(nodira_page.locator("#chat-replying")).to_have_count(0)
    reply = aigul_page.locator(".chat-message", has_text="We can, in Tashkent")
    expect(reply.locator(".chat-message__reply")).to_have_text("In reply to Aigul")
    own_reply = nodira_page.locator(".chat-message", has_text="We can, in Tashkent")
    expect(own_reply.locator(".chat-message__reply")).to_have_text("In reply to Aigul")

    # Own live message: edit and delete are offered; someone else's: report instead.
    own_reply.hover()
    expect(own_reply.get_by_role("button", name="Delete")).to_be_visible()
    expect(own_reply.get_by_role("link", name="Report")).to_have_count(0)
    reply.hover()
    expect(reply.get_by_role("link", name="Report")).to_be_visible()
    expect(reply.get_by_role("link", name="Edit")).to_be_hidden()

    own_reply.get_by_role("link", name="Edit").click()
    nodira_page.get_by_role("textbox", name="Message").fill("We can, in Tashkent or Samarkand")
    nodira_page.get_by_role("button", name="Save").click()
    edited = nodira_page.locator(".chat-message", has_text="Tashkent or Samarkand")
    expect(edited).to_contain_text("(edited)")
    expect(aigul_page.locator(".chat-message", has_text="Tashkent or Samarkand")).to_contain_text("(edited)")

    edited.hover()
    edited.get_by_role("button", name="Delete").click()
    expect(nodira_page.locator("#chat-messages")).to_contain_text("This message was deleted.")
    expect(aigul_page.locator("#chat-messages")).to_contain_text("This message was deleted.")


def test_a_live_message_reads_exactly_as_it_does_after_a_reload(new_page):
    aigul = UserFactory(display_name="Aigul")
    nodira = UserFactory(display_name="Nodira")
    aigul_page = _open(new_page, aigul, DESKTOP)
    nodira_page = _open(new_page, nodira, PHONE)
    aigul_page.get_by_role("textbox", name="Message").fill("Meeting moved to <Thursday>")
    aigul_page.get_by_role("button", name="Send").click()
    live = nodira_page.locator(".chat-message", has_text="Meeting moved to <Thursday>")
    expect(live).to_be_visible()
    seq = live.get_attribute("data-seq")
    live_time = live.locator("time").inner_text()
    live_datetime = live.locator("time").get_attribute("datetime")
    live_meta = live.locator(".chat-message__meta").inner_html()
    assert escape("<Thursday>") in live.locator(".chat-message__body").inner_html()
    own = aigul_page.locator(f"#m-{seq}")
    own_time = own.locator("time").inner_text()
    nodira_page.reload()
    reloaded = nodira_page.locator(f"#m-{seq}")
    assert reloaded.locator("time").inner_text() == live_time == own_time
    assert reloaded.locator("time").get_attribute("datetime") == live_datetime
    assert reloaded.locator(".chat-message__meta").inner_html() == live_meta
    assert "." not in live_datetime  # whole seconds
