"""Journey: a member leaves with the quick exit. By default the session ends with it, so no
Back step shows the hub again, only the login page; a member who chose to stay signed in comes
back to the hub, freshly loaded from the server rather than from the browser's memory. Exit
requests that do not carry the page's own token end nothing."""

import pytest
from playwright.sync_api import expect

from tests.factories import TEST_PASSWORD, UserFactory
from tests.forum.factories import thread as thread_factory
from tests.helpers import LIVE_DB

from .conftest import log_in

pytestmark = LIVE_DB


@pytest.fixture
def neutral_site(settings, live_asgi):
    settings.QUICK_EXIT_URL = f"{live_asgi.url}/healthz"
    return settings.QUICK_EXIT_URL


def _shows_hub_content(page) -> bool:
    return page.locator(".account-menu, .main-nav").count() > 0


def _walk_back(page, steps=6):
    """Every page Back shows, until there is no earlier one."""
    seen = []
    for _ in range(steps):
        if page.go_back() is None:
            break
        page.wait_for_load_state()
        seen.append((page.url, _shows_hub_content(page)))
    return seen


def _mark_page(page):
    page.evaluate("window.__stillHere = true")


def _is_fresh_load(page) -> bool:
    return page.evaluate("window.__stillHere === undefined")


def test_the_exit_ends_the_session_and_back_shows_at_most_the_login_page(page, neutral_site, live_asgi):
    member = UserFactory()
    topic = thread_factory(title="Shelter referrals")
    log_in(page, member.email, TEST_PASSWORD)
    page.goto("/")
    page.goto("/forum/")
    page.goto(topic.get_absolute_url())
    _mark_page(page)
    page.goto("/members/")

    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(neutral_site)

    steps = _walk_back(page)
    assert steps, "there was history to go back through"
    for url, hub in steps:
        assert not hub, f"Back showed a hub page: {url}"
        assert "/accounts/login/" in url or url == neutral_site, url
    assert _is_fresh_load(page)
    # The session really ended on the server: going forward again asks for a login too.
    page.goto("/members/")
    expect(page.get_by_label("Password")).to_be_visible()
    assert not _shows_hub_content(page)


def test_the_exit_button_ends_the_session_too(page, neutral_site):
    member = UserFactory()
    log_in(page, member.email, TEST_PASSWORD)
    page.goto("/forum/")
    page.get_by_role("button", name="Exit this page").click()
    page.wait_for_url(neutral_site)
    page.goto("/forum/")
    assert "/accounts/login/" in page.url


def test_a_member_who_stays_signed_in_comes_back_to_a_freshly_loaded_hub(page, neutral_site):
    member = UserFactory(stay_signed_in_after_exit=True)
    log_in(page, member.email, TEST_PASSWORD)
    page.goto("/forum/")
    _mark_page(page)
    page.goto("/members/")

    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(neutral_site)

    page.go_back()
    page.wait_for_load_state()
    # Not restored from the back/forward cache: the page was fetched again (no-store).
    assert page.url.endswith("/forum/")
    assert _is_fresh_load(page)
    assert _shows_hub_content(page)
    page.goto("/members/")
    assert page.url.endswith("/members/")


def test_exit_requests_without_the_pages_own_token_end_nothing(new_page, neutral_site):
    member = UserFactory()
    page = new_page()
    log_in(page, member.email, TEST_PASSWORD)
    page.goto("/forum/")
    own_token = page.locator("form[data-quick-exit-form] input[name=token]").input_value()

    other = new_page()
    log_in(other, UserFactory().email, TEST_PASSWORD)
    other.goto("/forum/")
    others_token = other.locator("form[data-quick-exit-form] input[name=token]").input_value()
    assert own_token and others_token and own_token != others_token

    forge = """async (token) => {
        const form = document.querySelector("form[data-quick-exit-form]");
        const data = new FormData(form);
        if (token === null) { data.delete("token"); } else { data.set("token", token); }
        data.set("via", "script");
        return (await fetch(form.action, {method: "POST", body: data})).status;
    }"""
    for token in (None, "", others_token, own_token[:-2] + "xx"):
        assert page.evaluate(forge, token) == 204
        page.goto("/forum/")
        assert page.url.endswith("/forum/"), f"the session ended with token {token!r}"

    # The other person's real exit ends their session only.
    other.get_by_role("button", name="Exit this page").click()
    other.wait_for_url(neutral_site)
    page.goto("/members/")
    assert page.url.endswith("/members/")
