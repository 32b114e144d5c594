import pytest

from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB

from .conftest import log_in

pytestmark = LIVE_DB


@pytest.fixture
def neutral_site(settings, live_asgi):
    settings.QUICK_EXIT_URL = f"{live_asgi.url}/healthz"
    return settings.QUICK_EXIT_URL


def test_quick_exit_button_replaces_the_page_so_back_does_not_return(page, neutral_site):
    member = UserFactory()
    page.goto("/safety/")
    log_in(page, member.email, TEST_PASSWORD)
    page.goto("/members/")
    page.get_by_role("button", name="Exit this page").click()
    page.wait_for_url(neutral_site)
    page.go_back()
    assert "/members/" not in page.url


def test_pressing_shift_three_times_leaves_at_once(page, neutral_site):
    page.goto("/accounts/login/")
    page.locator("body").click()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(neutral_site)
    assert page.url == neutral_site


def test_two_shift_presses_do_not_leave(page, neutral_site):
    page.goto("/safety/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url.endswith("/safety/")
