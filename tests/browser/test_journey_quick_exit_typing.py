"""Journey: a member writes a reply in English, Russian and Dari at a normal typing speed,
with Shift for capitals, Russian commas and Dari's half-space. The quick exit's shortcut never
fires and nothing they wrote is lost; three lone Shift presses still leave at once.

The keys are sent through Chromium's input protocol as a keyboard in that layout sends them
(Shift goes down, the letter goes down and up, Shift goes up), because Playwright's own
``keyboard.type`` sends characters that are not on a US keyboard as bare text with no key
events at all, which would not exercise the shortcut's logic."""

import time

import pytest
from playwright.sync_api import expect

from tests.factories import TEST_PASSWORD, UserFactory
from tests.forum.factories import thread as thread_factory
from tests.helpers import LIVE_DB

from .conftest import log_in

pytestmark = LIVE_DB

# About 140 words a minute at five letters a word: quick, ordinary typing.
KEY_DELAY_MS = 70

SENTENCES = {
    # Shift for each capital: W, U+N together, W, O.
    "en": ("We met UN Women in Osh, then Bishkek. Did YOU see the report?", str.isupper),
    # On the Russian layout Shift gives every comma and question mark as well as the capitals.
    "ru": (
        "Мы встретились с ООН-Женщины в Оше, Бишкеке, Душанбе и Алматы, и обсудили, что делать дальше?",
        lambda ch: ch.isupper() or ch in ',?!:;"',
    ),
    # On the Persian layout Shift gives the half-space (zero-width non-joiner), «», ، ? and آ.
    "fa-af": (
        "ما با «سازمان‌های زنان» در کابل کار می‌کنیم، آیا شما هم می‌آیید؟",
        lambda ch: ch in "\u200c«»،؟آ",
    ),
}


@pytest.fixture
def neutral_site(settings, live_asgi):
    settings.QUICK_EXIT_URL = f"{live_asgi.url}/healthz"
    return settings.QUICK_EXIT_URL


class LayoutKeyboard:
    """Sends key events as a physical keyboard in the writer's layout does."""

    SHIFT = {"key": "Shift", "code": "ShiftLeft", "windowsVirtualKeyCode": 16, "nativeVirtualKeyCode": 16}

    def __init__(self, page):
        self.page = page
        self.cdp = page.context.new_cdp_session(page)
        self.shift_held = False

    def _pause(self, ms=KEY_DELAY_MS):
        time.sleep(ms / 1000)

    def shift_down(self):
        self.cdp.send("Input.dispatchKeyEvent", {"type": "rawKeyDown", "modifiers": 8, **self.SHIFT})
        self.shift_held = True

    def shift_up(self):
        self.cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", "modifiers": 0, **self.SHIFT})
        self.shift_held = False

    def character(self, ch):
        modifiers = 8 if self.shift_held else 0
        event = {"key": ch, "text": ch, "unmodifiedText": ch, "modifiers": modifiers}
        self.cdp.send("Input.dispatchKeyEvent", {"type": "keyDown", **event})
        self.cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", **event})

    def type(self, text, needs_shift):
        for ch in text:
            if needs_shift(ch) and not self.shift_held:
                self.shift_down()
                self._pause(30)
            elif not needs_shift(ch) and self.shift_held:
                self.shift_up()
                self._pause(30)
            self.character(ch)
            self._pause()
        if self.shift_held:
            self.shift_up()


@pytest.mark.parametrize("language", SENTENCES)
def test_typing_a_reply_at_normal_speed_keeps_the_page_and_the_text(page, neutral_site, language):
    member = UserFactory()
    topic = thread_factory(title="Shelter referrals")
    log_in(page, member.email, TEST_PASSWORD)
    page.goto(topic.get_absolute_url())
    reply_box = page.get_by_label("Your reply")
    reply_box.click()

    sentence, needs_shift = SENTENCES[language]
    LayoutKeyboard(page).type(sentence, needs_shift)
    # Then a second sentence the same way: Shift presses from the first do not carry over.
    LayoutKeyboard(page).type(" " + sentence, needs_shift)
    page.wait_for_timeout(500)

    assert page.url.endswith(topic.get_absolute_url())
    expect(reply_box).to_have_value(f"{sentence} {sentence}")


def test_typing_with_playwrights_own_keyboard_keeps_the_page(page, neutral_site):
    member = UserFactory()
    topic = thread_factory(title="Shelter referrals")
    log_in(page, member.email, TEST_PASSWORD)
    page.goto(topic.get_absolute_url())
    reply_box = page.get_by_label("Your reply")
    reply_box.click()
    text = "We met UN Women in Osh. Мы встретились в Оше, Бишкеке и Алматы. ما در کابل کار می‌کنیم، آیا؟"
    page.keyboard.type(text, delay=KEY_DELAY_MS)
    page.wait_for_timeout(500)
    assert page.url.endswith(topic.get_absolute_url())
    expect(reply_box).to_have_value(text)


def test_three_lone_shift_presses_while_writing_leave_at_once(page, neutral_site):
    member = UserFactory()
    topic = thread_factory(title="Shelter referrals")
    log_in(page, member.email, TEST_PASSWORD)
    page.goto(topic.get_absolute_url())
    page.get_by_label("Your reply").click()
    LayoutKeyboard(page).type("Someone is coming, I Must go", str.isupper)
    for _ in range(3):
        page.keyboard.press("Shift")
        page.wait_for_timeout(150)
    page.wait_for_url(neutral_site)


def test_a_letter_between_shift_presses_starts_the_count_again(page, neutral_site):
    member = UserFactory()
    topic = thread_factory(title="Shelter referrals")
    log_in(page, member.email, TEST_PASSWORD)
    page.goto(topic.get_absolute_url())
    page.get_by_label("Your reply").click()
    keyboard = page.keyboard
    keyboard.press("Shift")
    keyboard.press("Shift")
    keyboard.type("a")
    keyboard.press("Shift")
    keyboard.press("Shift")
    page.wait_for_timeout(500)
    assert page.url.endswith(topic.get_absolute_url())
    keyboard.press("Shift")
    page.wait_for_url(neutral_site)


def test_shift_presses_during_input_method_composition_do_not_count(page, neutral_site):
    page.goto("/accounts/login/")
    field = page.get_by_label("Email")
    field.click()
    # An input method (Chinese, Japanese, Korean, Vietnamese) often uses Shift on its own
    # to switch modes while composing.
    field.dispatch_event("compositionstart")
    for _ in range(4):
        page.keyboard.press("Shift")
    field.dispatch_event("compositionend")
    page.wait_for_timeout(300)
    assert "/accounts/login/" in page.url
