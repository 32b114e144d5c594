"""Journey 1: a person applies, verifies their email, a moderator approves, the member logs in."""

import re

from django.core import mail

from accounts.models import Role, Status, User
from tests.factories import TEST_PASSWORD, TOTP_SECRET, UserFactory
from tests.helpers import LIVE_DB

from .conftest import log_in

pytestmark = LIVE_DB


def _confirmation_link(email: str) -> str:
    for message in reversed(mail.outbox):
        if email in message.to:
            match = re.search(r"https?://\S+/accounts/confirm-email/\S+", message.body)
            if match:
                return match.group(0)
    raise AssertionError("no confirmation email")


def test_apply_verify_approve_and_log_in(new_page):
    moderator = UserFactory(role=Role.MODERATOR, email="mod@example.org")
    applicant_page = new_page()

    # Apply.
    applicant_page.goto("/accounts/signup/")
    applicant_page.get_by_label("Email").fill("gulnara@example.org")
    applicant_page.get_by_label("Display name").fill("Gulnara")
    applicant_page.get_by_label("Organisation", exact=False).first.fill("Crisis centre Shelter, Bishkek")
    applicant_page.get_by_label("Country").select_option(label="Kyrgyzstan")
    applicant_page.get_by_label("Your role in the organisation").fill("Lawyer")
    applicant_page.get_by_label("Why do you want to join").fill("To share our court support practice.")
    applicant_page.get_by_label("Password", exact=True).fill("a long passphrase 2026")
    applicant_page.get_by_label("Password (again)").fill("a long passphrase 2026")
    applicant_page.get_by_role("button", name="Send application").click()
    applicant_page.wait_for_load_state()
    assert User.objects.get(email="gulnara@example.org").status == Status.PENDING

    # Verify the email address through the emailed link; the applicant sees their status.
    applicant_page.goto(_confirmation_link("gulnara@example.org"))
    applicant_page.get_by_role("button", name="Confirm").click()
    applicant_page.wait_for_url("**/accounts/status/")
    assert "A moderator will review your application" in applicant_page.content()
    applicant_page.goto("/forum/")
    assert applicant_page.url.endswith("/accounts/status/")

    # A moderator approves.
    moderator_page = new_page()
    log_in(moderator_page, moderator.email, TEST_PASSWORD, totp_secret=TOTP_SECRET)
    moderator_page.goto("/moderation/applications/")
    application = moderator_page.get_by_role("article").filter(has_text="Gulnara")
    application.get_by_role("button", name="Approve").click()
    moderator_page.wait_for_load_state()
    assert "Gulnara is now a member" in moderator_page.content()

    # The new member logs in and reaches the hub.
    member_page = new_page()
    log_in(member_page, "gulnara@example.org", "a long passphrase 2026")
    member_page.goto("/")
    assert member_page.get_by_role("heading", name="Welcome, Gulnara").is_visible()
    assert User.objects.get(email="gulnara@example.org").role == Role.MEMBER
