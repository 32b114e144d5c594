"""Journey: a member reports a forum post; a moderator finds it in the inbox, hides the post
and suspends the author; the author's next page load shows they are logged out."""

import re

from playwright.sync_api import expect

from accounts.models import Role, Status, User
from forum import services
from forum.models import Category, Post
from moderation.models import AuditEntry
from tests.factories import TEST_PASSWORD, TOTP_SECRET, UserFactory
from tests.helpers import LIVE_DB

from .conftest import log_in

pytestmark = LIVE_DB


def test_report_hide_and_suspend_from_the_inbox(new_page):
    author = UserFactory(display_name="Troll Account")
    reporter = UserFactory(display_name="Madina")
    moderator = UserFactory(role=Role.MODERATOR, display_name="Moderator Saule")
    thread = services.thread_create(
        author=reporter,
        category=Category.objects.get(slug="survivor-services"),
        title="Shelter intake at weekends",
        body="Who answers intake calls on Sundays?",
    )
    reply = services.post_create(author=author, thread=thread, body="Nobody should help these women.")

    # The author is reading the forum when all this happens.
    author_page = new_page()
    log_in(author_page, author.email, TEST_PASSWORD)
    author_page.goto("/forum/")
    expect(author_page.get_by_role("link", name="Shelter intake at weekends")).to_be_visible()

    # A member reports the reply.
    page = new_page()
    log_in(page, reporter.email, TEST_PASSWORD)
    page.goto(thread.get_absolute_url())
    page.locator("article#post-2").get_by_role("link", name="Report").click()
    page.get_by_label("Harassment").check()
    page.get_by_role("button", name="Send report").click()
    page.wait_for_load_state()

    # The moderator sees it in the inbox and hides the post.
    mod = new_page()
    log_in(mod, moderator.email, TEST_PASSWORD, totp_secret=TOTP_SECRET)
    mod.goto("/moderation/")
    item = mod.get_by_role("article").filter(has_text="Harassment")
    expect(item).to_be_visible()
    item.get_by_text("Show the reported content").click()
    expect(item.get_by_text("Nobody should help these women.")).to_be_visible()
    item.get_by_label(re.compile("^Reason")).fill("Hostile to survivors")
    item.get_by_role("button", name="Hide", exact=True).click()
    expect(mod.get_by_text(f"Post by {author.display_name} hidden; the author was told why.")).to_be_visible()
    assert Post.objects.get(pk=reply.pk).is_hidden

    # Then suspends the author from their page.
    mod.goto(f"/moderation/members/{author.pk}/")
    suspend = mod.locator("form").filter(has=mod.get_by_role("button", name="Suspend account"))
    suspend.get_by_label("Reason").fill("Hostile to survivors")
    suspend.get_by_role("button", name="Suspend account").click()
    expect(mod.get_by_text(f"{author.display_name} suspended; their sessions have ended.")).to_be_visible()
    assert User.objects.get(pk=author.pk).status == Status.SUSPENDED
    assert AuditEntry.objects.filter(action="forum.post_hide").exists()
    assert AuditEntry.objects.filter(action="member.suspend", target_user=author).exists()

    # The author's next page load shows they are logged out.
    author_page.goto("/forum/")
    expect(author_page).to_have_url(re.compile(r"/accounts/login/"))
