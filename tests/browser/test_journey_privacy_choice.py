"""Journey: a newly approved member logs in for the first time and is asked, once, what other
members may see; their choice shows in the member directory, and the next login goes straight
to the dashboard."""

from playwright.sync_api import expect

from accounts import services
from accounts.models import Role, Status
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB

from .conftest import log_in

pytestmark = LIVE_DB


def test_first_login_asks_what_others_see_and_the_directory_follows_the_choice(new_page):
    moderator = UserFactory(role=Role.MODERATOR)
    applicant = UserFactory(
        role=Role.APPLICANT,
        status=Status.PENDING,
        display_name="Zarina",
        organisation="Women's crisis centre Sezim",
        privacy_chosen_at=None,
    )
    services.application_approve(actor=moderator, applicant=applicant)

    page = new_page()
    log_in(page, applicant.email, TEST_PASSWORD)
    expect(page.get_by_role("heading", name="What other members see about you")).to_be_visible()
    expect(page.get_by_text("Your email address is never shown to members.")).to_be_visible()
    expect(page.get_by_label("Show my organisation")).not_to_be_checked()
    expect(page.get_by_label("Show my country")).not_to_be_checked()
    expect(page.get_by_label("Show when I am online in chat")).not_to_be_checked()
    page.get_by_label("Show my country").check()
    page.get_by_role("button", name="Save my choice").click()
    expect(page.get_by_text("Your choice has been saved.")).to_be_visible()
    assert page.url.endswith("/"), "the member goes on to the dashboard"

    # Another member sees the country but not the organisation.
    colleague = new_page()
    log_in(colleague, UserFactory().email, TEST_PASSWORD)
    colleague.goto(f"/members/{applicant.pk}/")
    expect(colleague.get_by_text("Kazakhstan")).to_be_visible()
    expect(colleague.get_by_text("Sezim")).to_have_count(0)

    # The question is asked only once.
    page.context.clear_cookies()
    log_in(page, applicant.email, TEST_PASSWORD)
    expect(page.get_by_role("heading", name="What other members see about you")).to_have_count(0)
    assert "/accounts/privacy/" not in page.url


def test_skipping_the_question_keeps_everything_hidden(new_page):
    moderator = UserFactory(role=Role.MODERATOR)
    applicant = UserFactory(
        role=Role.APPLICANT, status=Status.PENDING, organisation="Crisis centre Ak-Jol", privacy_chosen_at=None
    )
    services.application_approve(actor=moderator, applicant=applicant)

    page = new_page()
    log_in(page, applicant.email, TEST_PASSWORD)
    page.get_by_role("button", name="Skip: keep everything hidden").click()
    assert "/accounts/privacy/" not in page.url

    colleague = new_page()
    log_in(colleague, UserFactory().email, TEST_PASSWORD)
    colleague.goto(f"/members/{applicant.pk}/")
    expect(colleague.get_by_text("Ak-Jol")).to_have_count(0)
    expect(colleague.get_by_text("Kazakhstan")).to_have_count(0)
