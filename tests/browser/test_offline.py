"""On a weak or lost connection: the service worker shows the offline page, and it never
serves a page the member saw before from a cache."""

from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB

from .conftest import log_in

pytestmark = LIVE_DB

CACHED_PATHS = """async () => {
  const paths = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) { paths.push(new URL(request.url).pathname); }
  }
  return paths;
}"""


def test_offline_page_replaces_pages_when_the_hub_cannot_be_reached(page):
    member = UserFactory(display_name="Aigul Offline-Test")
    log_in(page, member.email, TEST_PASSWORD)
    page.goto("/forum/")
    page.get_by_role("heading", name="Forum", level=1).wait_for()
    assert page.evaluate("async () => (await navigator.serviceWorker.ready).active.state") == "activated"

    # Only the offline page and its static files are kept on the device.
    cached = page.evaluate(CACHED_PATHS)
    assert "/offline/" in cached
    assert all(path == "/offline/" or path.startswith("/static/") for path in cached), cached

    page.context.set_offline(True)
    page.goto("/members/")
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "The hub cannot be reached right now"
    assert "Nothing from the hub is kept on this device" in page.content()
    # The style sheet comes from the worker's cache, and the quick exit is still there.
    exit_button = page.get_by_role("link", name="Exit this page")
    assert exit_button.is_visible()
    assert exit_button.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(164, 22, 26)"

    # The forum page seen a moment ago is not served from any cache.
    page.goto("/forum/")
    assert page.get_by_role("heading", level=1).inner_text() == "The hub cannot be reached right now"
    content = page.content()
    assert member.display_name not in content
    assert "Log out" not in content

    # Back online, "Try again" loads the page that was asked for.
    page.context.set_offline(False)
    page.get_by_role("link", name="Try again").click()
    page.wait_for_load_state()
    page.get_by_role("heading", name="Forum", level=1).wait_for()
    assert page.url.endswith("/forum/")
