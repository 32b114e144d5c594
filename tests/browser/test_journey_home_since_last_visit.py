"""Home page: a member who comes back sees the reply posted in their thread while they were
away, and follows it to the new post."""

from playwright.sync_api import expect

from forum import services
from forum.models import Category
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB

from .conftest import log_in

pytestmark = LIVE_DB


def test_home_shows_a_new_reply_since_the_last_visit(new_page):
    author = UserFactory(display_name="Aigerim")
    colleague = UserFactory(display_name="Dilnoza")
    thread = services.thread_create(
        author=author,
        category=Category.objects.get(slug="survivor-services"),
        title="Night shifts on the hotline",
        body="How do you staff the hotline at night?",
    )
    page = new_page()
    log_in(page, author.email, TEST_PASSWORD)
    expect(page.get_by_text("Nothing new since your last visit.")).to_be_visible()

    # While the author is away, a colleague answers.
    services.post_create(author=colleague, thread=thread, body="We pair a volunteer with a counsellor.")

    page.goto("/")
    forum = page.get_by_role("region", name="Forum")
    expect(forum.get_by_role("link", name="Night shifts on the hotline")).to_be_visible()
    expect(forum.get_by_text("1 new post")).to_be_visible()
    expect(page.get_by_role("region", name="Mentions and replies")).to_contain_text("Dilnoza replied")

    forum.get_by_role("link", name="Night shifts on the hotline").click()
    expect(page.locator("article#post-2")).to_contain_text("We pair a volunteer with a counsellor.")
    page.goto("/")
    expect(page.get_by_role("region", name="Forum")).to_have_count(0)
