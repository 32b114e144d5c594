"""On a 320 px phone the header is one row (the name, the quick exit, a Menu button); the
menu opens below it with the navigation and every account action, "Log out" included, inside
the screen, with and without JavaScript."""

import pytest
from playwright.sync_api import expect

from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB

from .conftest import log_in

pytestmark = LIVE_DB

PHONE = {"width": 320, "height": 640}


def _inside_the_screen(locator) -> None:
    # The open menu scrolls when it is taller than the screen; each item fits once there.
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    assert box["y"] + box["height"] <= PHONE["height"], box


def _open_menu_and_log_out(page) -> None:
    expect(page.get_by_role("button", name="Exit this page")).to_be_visible()
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 80, header  # one compact row, not 40 % of the screen
    menu = page.get_by_text("Menu", exact=True)
    expect(page.locator(".site-header").get_by_role("link", name="Forum", exact=True)).to_be_hidden()
    menu.click()
    expect(page.locator(".site-header").get_by_role("link", name="Forum", exact=True)).to_be_visible()
    page.locator(".account-menu summary").click()
    for name in ("Profile and privacy", "Email settings", "My data and account", "Two-factor login", "Active sessions"):
        link = page.get_by_role("link", name=name)
        expect(link).to_be_visible()
        _inside_the_screen(link)
    for name in ("Password", "Email address"):
        _inside_the_screen(page.get_by_role("link", name=name, exact=True))
    log_out = page.get_by_role("button", name="Log out")
    _inside_the_screen(log_out)
    log_out.click()


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_the_phone_header_reaches_log_out_at_320_pixels(browser_instance, live_asgi, javascript):
    member = UserFactory(display_name="Gulnara")
    context = browser_instance.new_context(
        base_url=live_asgi.url, locale="en-GB", viewport=PHONE, java_script_enabled=javascript
    )
    try:
        page = context.new_page()
        log_in(page, member.email, TEST_PASSWORD)
        page.goto("/")
        if javascript:
            expect(page.locator(".site-menu__toggle")).to_have_attribute("aria-expanded", "false")
        _open_menu_and_log_out(page)
        page.wait_for_load_state()
        # Logged out: the login page asks again.
        page.goto("/")
        expect(page.get_by_label("Password")).to_be_visible()
    finally:
        context.close()


def test_the_menu_button_reports_its_state(browser_instance, live_asgi):
    member = UserFactory(display_name="Zarina")
    context = browser_instance.new_context(base_url=live_asgi.url, locale="en-GB", viewport=PHONE)
    try:
        page = context.new_page()
        log_in(page, member.email, TEST_PASSWORD)
        toggle = page.locator(".site-menu__toggle")
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "false")
    finally:
        context.close()


def test_a_wide_screen_shows_the_header_without_a_menu_button(browser_instance, live_asgi):
    member = UserFactory(display_name="Madina")
    context = browser_instance.new_context(
        base_url=live_asgi.url, locale="en-GB", viewport={"width": 1280, "height": 800}
    )
    try:
        page = context.new_page()
        log_in(page, member.email, TEST_PASSWORD)
        expect(page.locator(".site-header").get_by_role("link", name="Forum", exact=True)).to_be_visible()
        expect(page.locator(".site-menu__toggle")).to_be_hidden()
    finally:
        context.close()
