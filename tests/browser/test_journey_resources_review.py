"""Journey 3c: a member submits a resource for review; a moderator approves it; it is listed."""

import re

from playwright.sync_api import expect

from accounts.models import Role
from moderation.models import AuditEntry
from resources.demo import build_pdf
from resources.models import Resource, State
from tests.factories import TEST_PASSWORD, TOTP_SECRET, UserFactory
from tests.helpers import LIVE_DB

from .conftest import log_in
from .resource_form import choose

pytestmark = LIVE_DB


def test_a_member_submits_and_a_moderator_approves(new_page):
    member = UserFactory(role=Role.MEMBER, display_name="Zarina")
    moderator = UserFactory(role=Role.MODERATOR)
    colleague = UserFactory(role=Role.MEMBER)

    submitter = new_page()
    log_in(submitter, member.email, TEST_PASSWORD)
    submitter.goto("/resources/new/")
    expect(submitter.get_by_text("A moderator reviews each resource")).to_be_visible()
    submitter.get_by_label("Title").fill("Bride kidnapping: what police must do")
    submitter.get_by_label("Summary").fill("A checklist for police officers receiving a report of abduction.")
    choose(submitter, "Guideline or standard")
    choose(submitter, "Early and forced marriage, including bride kidnapping")
    choose(submitter, "Kyrgyzstan")
    choose(submitter, "Russian", exact=True)
    submitter.get_by_label("Files").set_input_files(
        files=[{"name": "police-checklist.pdf", "mimeType": "application/pdf", "buffer": build_pdf("Checklist")}]
    )
    submitter.get_by_role("button", name="Submit for review").click()
    expect(submitter.get_by_text("A moderator will review the resource")).to_be_visible()
    assert Resource.objects.get().state == State.IN_REVIEW

    # Not listed for other members yet.
    reader = new_page()
    log_in(reader, colleague.email, TEST_PASSWORD)
    reader.goto("/resources/")
    expect(reader.get_by_role("link", name="Bride kidnapping: what police must do")).to_have_count(0)

    # The moderator finds it in the queue and approves it.
    reviewer = new_page()
    log_in(reviewer, moderator.email, TEST_PASSWORD, totp_secret=TOTP_SECRET)
    reviewer.goto("/moderation/")
    reviewer.get_by_role("link", name="Resources waiting for review").click()
    submission = reviewer.get_by_role("article").filter(has_text="Bride kidnapping: what police must do")
    submission.get_by_label("Reason (the submitter will read it)").fill("Clear and useful, thank you.")
    submission.get_by_role("button", name="Approve").click()
    expect(reviewer.get_by_text("“Bride kidnapping: what police must do” is published.")).to_be_visible()
    assert AuditEntry.objects.filter(action="resource.approve").count() == 1

    # Now every member finds it.
    reader.goto("/resources/")
    reader.get_by_role("article").get_by_role("link", name="Bride kidnapping: what police must do").click()
    expect(reader).to_have_url(re.compile(r"/resources/\d+/$"))
    expect(reader.get_by_role("link", name="Download police-checklist.pdf")).to_be_visible()
