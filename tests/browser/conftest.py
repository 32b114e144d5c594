"""Browser journeys: Playwright driving Debian's Chromium against the real ASGI app
(HTTP and WebSockets) served by uvicorn in a thread of the test process.

Without Chromium the journeys are skipped with a loud notice, unless REQUIRE_BROWSER=1,
where its absence fails the run (CI sets it)."""

import os
import shutil
import threading
import time
import warnings

import pytest

from tests.helpers import free_port

# Playwright's sync API runs an event loop in this thread; the ORM calls that tests make
# between browser steps are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _chromium_available() -> bool:
    return os.path.exists(CHROMIUM) and os.access(CHROMIUM, os.X_OK)


def _is_browser_item(item) -> bool:
    return "tests/browser/" in str(item.fspath)


# The longest journeys (seconds each); started first so that no worker ends the run alone
# on one of them.
SLOW_MODULES = ("test_accessibility.py", "test_journey_quick_exit_typing.py", "test_reflow.py")


# The longest test outside the journeys (a clean clone served with `make run`) starts first.
FIRST = ("test_readme_commands.py",)


def _run_order(item) -> tuple[int, int]:
    if item.fspath.basename in FIRST:
        return (0, -1)
    if not _is_browser_item(item):
        return (1, 0)
    return (0, 0 if item.fspath.basename in SLOW_MODULES else 1)


def pytest_collection_modifyitems(config, items):
    # Browser journeys run first, on every worker: each worker then keeps one Chromium for its
    # run of journeys and closes it before the first test that is not one (see below).
    items.sort(key=_run_order)
    browser_items = [item for item in items if _is_browser_item(item)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if _chromium_available() or not browser_items:
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"REQUIRE_BROWSER=1 but Chromium was not found at {CHROMIUM}.")
    message = (
        f"\n{'!' * 72}\n!! Chromium not found at {CHROMIUM}: {len(browser_items)} browser journeys SKIPPED.\n"
        f"!! Install it (apt-get install chromium) to run them.\n{'!' * 72}\n"
    )
    warnings.warn(message, stacklevel=1)
    print(message)
    skip = pytest.mark.skip(reason="Chromium is not installed")
    for item in browser_items:
        item.add_marker(skip)


class LiveServer:
    def __init__(self):
        import uvicorn

        from chat.consumers import MAX_FRAME_BYTES
        from config.asgi import application

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            application,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan="off",
            ws="websockets-sansio",
            ws_max_size=MAX_FRAME_BYTES,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self):
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the live ASGI server did not start")
            time.sleep(0.05)

    def stop(self):
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_asgi(django_db_setup, django_db_blocker):
    """The full ASGI application (HTTP + WebSockets) on a free local port."""
    with django_db_blocker.unblock():
        server = LiveServer()
        server.start()
        yield server
        server.stop()


# One Chromium per worker for consecutive journeys. It must not outlive them: Playwright's
# sync API keeps an event loop running in this thread while it is open, which would stop the
# async tests (consumers) that follow in the worker.
_shared = {"playwright": None, "browser": None}


def _shared_browser():
    if _shared["browser"] is None:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        _shared["playwright"] = playwright
        _shared["browser"] = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
    return _shared["browser"]


def _close_shared_browser():
    browser, playwright = _shared["browser"], _shared["playwright"]
    _shared["browser"] = _shared["playwright"] = None
    if browser is not None:
        browser.close()
    if playwright is not None:
        playwright.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    try:
        return (yield)
    finally:
        if _shared["browser"] is not None and (nextitem is None or not _is_browser_item(nextitem)):
            _close_shared_browser()


@pytest.fixture
def browser_instance():
    browser = _shared_browser()
    yield browser
    # Whatever a journey opened ends with it: the next journey starts with no cookies.
    for context in list(browser.contexts):
        context.close()


@pytest.fixture
def new_page(browser_instance, live_asgi):
    """Factory for pages in separate browser contexts (separate cookies: separate people)."""
    contexts = []

    def make(locale: str = "en-GB", *, bypass_csp: bool = False):
        # bypass_csp lets a test inject its own checker (axe); the product's policy forbids it.
        context = browser_instance.new_context(base_url=live_asgi.url, locale=locale, bypass_csp=bypass_csp)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def log_in(page, email: str, password: str, totp_secret: str | None = None):
    """Log in through the real login form (and the two-factor step when asked)."""
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    if totp_secret:
        from tests.helpers import totp_now

        # A code typed in the last seconds of its 30-second window may arrive after it ends
        # on a busy machine: wait for a fresh window, as a person would.
        _wait_for_a_fresh_totp_window()
        page.get_by_label("Code", exact=True).fill(totp_now(totp_secret))
        page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()


def _wait_for_a_fresh_totp_window(margin: float = 8.0) -> None:
    import time

    from allauth.mfa import app_settings as mfa_settings

    left = mfa_settings.TOTP_PERIOD - time.time() % mfa_settings.TOTP_PERIOD
    if left < margin:
        time.sleep(left + 0.2)
