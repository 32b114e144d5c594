"""A moderator narrows the audit log to one member picked in the member picker (sent by id),
reads translated action names, and at 1366 px the table's column headings stay on one line."""

from playwright.sync_api import expect

from accounts.models import Role
from moderation.audit import AuditAction, audit_record
from tests.factories import TEST_PASSWORD, TOTP_SECRET, UserFactory
from tests.helpers import LIVE_DB

from .conftest import log_in

pytestmark = LIVE_DB


def test_the_audit_log_filters_by_a_member_picked_by_name(new_page):
    moderator = UserFactory(role=Role.MODERATOR, display_name="Moderator Saule")
    farrukh = UserFactory(display_name="Farrukh Tursunov")
    other = UserFactory(display_name="Dilnoza K.")
    audit_record(actor=moderator, action=AuditAction.MEMBER_WARN, target=farrukh, reason="Be kind to colleagues")
    audit_record(actor=moderator, action=AuditAction.MEMBER_SUSPEND, target=other, reason="Harassment of members")

    page = new_page()
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, moderator.email, TEST_PASSWORD, totp_secret=TOTP_SECRET)
    page.goto("/moderation/audit/")
    expect(page.get_by_role("cell", name="Member suspended")).to_be_visible()

    picker = page.get_by_label("Member concerned")
    picker.click()
    picker.type("Tursun")
    page.get_by_role("option", name="Farrukh Tursunov").click()
    page.get_by_role("button", name="Filter").click()

    expect(page.get_by_role("cell", name="Be kind to colleagues")).to_be_visible()
    expect(page.get_by_role("cell", name="Harassment of members")).to_have_count(0)
    expect(page.get_by_role("cell", name="Member warned")).to_be_visible()
    assert f"member={farrukh.pk}" in page.url

    # One line per heading at 1366 px: a second line would add a whole line height.
    cells = page.locator("table.table--audit th")
    heights = cells.evaluate_all("cells => cells.map(c => c.getBoundingClientRect().height)")
    line = cells.first.evaluate("c => parseFloat(getComputedStyle(c).lineHeight)")
    assert heights and max(heights) < line * 1.5 + 17  # padding and border included
