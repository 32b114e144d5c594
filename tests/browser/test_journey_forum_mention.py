"""Journey 2, continued: a member starts a thread with tags, finds it by tag, and mentions a
colleague through the autocomplete."""

from playwright.sync_api import expect

from forum.models import Post, Thread
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB

from .conftest import log_in

pytestmark = LIVE_DB


def test_start_a_thread_find_it_by_tag_and_mention_a_colleague(page):
    member = UserFactory(display_name="Madina")
    colleague = UserFactory(display_name="Gulnara Sadykova")
    log_in(page, member.email, TEST_PASSWORD)

    page.goto("/forum/")
    page.get_by_role("link", name="Start a thread").click()
    page.get_by_label("Category").select_option(label="Access to justice")
    page.get_by_label("Title").fill("Protection orders in rural courts")
    page.get_by_label("Message").fill("Which courts issue them *quickly*?")
    page.get_by_label("Tags").fill("protection-orders, courts")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Preview")).to_be_visible()
    expect(page.locator(".preview em", has_text="quickly")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("heading", name="Protection orders in rural courts", level=1)).to_be_visible()

    page.goto("/forum/")
    page.get_by_label("Tag").fill("courts")
    page.get_by_role("button", name="Show threads").click()
    expect(page.get_by_role("link", name="Protection orders in rural courts")).to_be_visible()

    page.get_by_role("link", name="Protection orders in rural courts").click()
    reply = page.get_by_label("Your reply")
    reply.click()
    reply.type("Asking @Gul")
    option = page.get_by_role("option", name="Gulnara Sadykova")
    expect(option).to_be_visible()
    option.click()
    expect(reply).to_have_value(f"Asking @[Gulnara Sadykova](member:{colleague.pk}) ")
    reply.type("who knows the Osh court.")
    page.get_by_role("button", name="Post reply").click()
    expect(page.locator("article#post-2").get_by_role("link", name="@Gulnara Sadykova")).to_be_visible()

    post = Post.objects.get(thread=Thread.objects.get(title="Protection orders in rural courts"), position=2)
    assert list(post.mentions.all()) == [colleague]
