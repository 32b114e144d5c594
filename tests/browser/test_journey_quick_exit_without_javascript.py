"""Journey: without JavaScript the "Exit this page" control is a form; it ends the session and
the browser lands on the neutral site."""

import pytest

from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB

from .conftest import log_in

pytestmark = LIVE_DB


@pytest.fixture
def neutral_site(settings, live_asgi):
    settings.QUICK_EXIT_URL = f"{live_asgi.url}/healthz"
    return settings.QUICK_EXIT_URL


def test_the_exit_form_ends_the_session_and_opens_the_neutral_site(browser_instance, live_asgi, neutral_site):
    context = browser_instance.new_context(base_url=live_asgi.url, locale="en-GB", java_script_enabled=False)
    try:
        page = context.new_page()
        member = UserFactory()
        log_in(page, member.email, TEST_PASSWORD)
        page.goto("/members/")
        assert page.url.endswith("/members/")

        page.get_by_role("button", name="Exit this page").click()
        page.wait_for_url(neutral_site)

        page.go_back()
        assert "/accounts/login/" in page.url
        page.goto("/members/")
        assert "/accounts/login/" in page.url
    finally:
        context.close()


def test_the_exit_form_works_for_a_visitor_who_is_not_logged_in(browser_instance, live_asgi, neutral_site):
    context = browser_instance.new_context(base_url=live_asgi.url, locale="en-GB", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/safety/")
        page.get_by_role("button", name="Exit this page").click()
        page.wait_for_url(neutral_site)
    finally:
        context.close()
