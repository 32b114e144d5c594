"""Members' control: a member downloads their data, then deletes their account keeping their
posts anonymised; their thread then reads "Former member"."""

import re
import zipfile

from playwright.sync_api import expect

from forum import services
from forum.models import Category
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB

from .conftest import log_in

pytestmark = LIVE_DB


def test_export_then_delete_keeping_posts_anonymised(new_page, tmp_path):
    leaver = UserFactory(display_name="Gulnara")
    reader = UserFactory(display_name="Madina")
    thread = services.thread_create(
        author=leaver,
        category=Category.objects.get(slug="survivor-services"),
        title="Shelter capacity in winter",
        body="How do you plan for the winter peak?",
    )

    # The member finds the data page in the account menu and downloads the archive.
    page = new_page()
    log_in(page, leaver.email, TEST_PASSWORD)
    page.get_by_text("Gulnara", exact=True).first.click()
    page.get_by_role("link", name="My data and account").click()
    # The archive holds everything they shared: the password is asked for first, then the
    # archive is prepared in the background and its link appears on the page.
    page.get_by_role("button", name="Prepare my archive").click()
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Download my data", level=1)).to_be_visible()
    page.get_by_role("button", name="Prepare my archive").click()
    expect(page.get_by_text("Your archive is being prepared.")).to_be_visible()
    page.reload()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("^Archive of")).first.click()
    archive = tmp_path / "data.zip"
    download_info.value.save_as(archive)
    with zipfile.ZipFile(archive) as opened:
        assert "Shelter capacity in winter" in opened.read("data.json").decode()

    # Deleting right after needs no second password, only a choice.
    page.goto("/accounts/export/")
    page.get_by_role("link", name="Delete my account").click()
    expect(page.get_by_role("heading", name="Delete my account", level=1)).to_be_visible()
    page.get_by_label("Keep my posts and messages, credited to “Former member”").check()
    page.get_by_label("I understand that my account will be deleted").check()
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("heading", name="Your account has been deleted")).to_be_visible()

    # The thread is still there for others, credited to a former member.
    other = new_page()
    log_in(other, reader.email, TEST_PASSWORD)
    other.goto(thread.get_absolute_url())
    expect(other.get_by_role("heading", name="Shelter capacity in winter", level=1)).to_be_visible()
    expect(other.locator("article#post-1").get_by_text("Former member")).to_be_visible()
    expect(other.get_by_text("How do you plan for the winter peak?")).to_be_visible()
