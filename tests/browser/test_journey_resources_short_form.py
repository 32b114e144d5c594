"""Journey 3d: an expert shares a resource with the short form: on a laptop (1366 x 768) the
form is about two screens high, with long lists folded and searchable; on a phone it comes as
short steps with Next and Back over one form, so nothing typed is lost."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from resources.demo import build_pdf
from resources.models import Resource, State
from taxonomy.models import Country
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB

from .conftest import log_in
from .resource_form import choose

pytestmark = LIVE_DB

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 360, "height": 740}
# Measured at 1366 x 768 with the default English texts: the whole form, from the page's top
# to the Publish button, fits in about two screens (it was about 4,271 px with every choice open).
MOST_LAPTOP_SCREENS = 2.3


def _pdf():
    return {"name": "shelter-guide.pdf", "mimeType": "application/pdf", "buffer": build_pdf("Shelter guide", ["p1"])}


def _expert(page):
    expert = UserFactory(role=Role.EXPERT, country=Country.objects.get(slug="kg"))
    log_in(page, expert.email, TEST_PASSWORD)
    return expert


def test_on_a_laptop_the_form_is_about_two_screens_and_long_lists_are_searchable(page):
    page.set_viewport_size(LAPTOP)
    _expert(page)
    page.goto("/resources/new/")
    height = page.evaluate(
        "() => document.querySelector('[data-form-actions]').getBoundingClientRect().bottom + window.scrollY"
    )
    print(f"resource form height at 1366x768: {height:.0f} px ({height / LAPTOP['height']:.2f} screens)")
    assert height <= LAPTOP["height"] * MOST_LAPTOP_SCREENS

    # The defaults a person expects: their country, the interface language, this year.
    expect(page.locator("details:has(input[name=countries]) [data-picker-chosen]")).to_have_text("Kyrgyzstan")
    expect(page.get_by_label("Year")).not_to_have_value("")

    # A long list opens and its filter box hides what does not match.
    page.locator("details:has(input[name=themes]) > summary").click()
    page.get_by_label("Find in “Themes”").fill("traffick")
    themes = page.locator("details:has(input[name=themes])")
    expect(themes.locator("input[name=themes]:visible")).to_have_count(1)

    page.get_by_label("Title").fill("Shelter guide for Osh")
    page.get_by_label("Summary").fill("How the shelter takes in survivors, step by step.")
    choose(page, "Toolkit or manual")
    page.get_by_label("Files").set_input_files(files=[_pdf()])
    # The chosen file's type and size show at once, before anything is sent.
    expect(page.get_by_text(re.compile(r"shelter-guide\.pdf: PDF document, [\d.]+ (B|KB)"))).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(re.compile(r"/resources/\d+/$"))
    resource = Resource.objects.get()
    assert resource.state == State.PUBLISHED
    assert [country.slug for country in resource.countries.all()] == ["kg"]


def test_on_a_phone_the_form_comes_in_steps_and_keeps_every_field(page):
    page.set_viewport_size(PHONE)
    _expert(page)
    page.goto("/resources/new/")
    expect(page.get_by_text("Step 1 of 5")).to_be_visible()
    expect(page.get_by_role("button", name="Publish")).to_be_hidden()
    page.get_by_label("Files").set_input_files(files=[_pdf()])
    page.get_by_role("button", name="Next").click()

    expect(page.get_by_text("Step 2 of 5")).to_be_visible()
    expect(page.get_by_label("Files")).to_be_hidden()
    page.get_by_label("Title").fill("Shelter guide on a phone")
    page.get_by_label("Summary").fill("Typed on a phone, one step at a time.")
    choose(page, "Toolkit or manual")
    page.get_by_role("button", name="Back").click()
    expect(page.get_by_text("Step 1 of 5")).to_be_visible()
    for number in range(2, 6):
        page.get_by_role("button", name="Next").click()
        expect(page.get_by_text(f"Step {number} of 5")).to_be_visible()
    expect(page.get_by_role("button", name="Next")).to_be_hidden()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "no sideways scrolling on a phone"
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(re.compile(r"/resources/\d+/$"))
    resource = Resource.objects.get()
    assert resource.title == "Shelter guide on a phone" and resource.files.count() == 1


@pytest.mark.parametrize("javascript", [False])
def test_without_javascript_the_whole_form_shows_and_is_sent(browser_instance, live_asgi, javascript):
    context = browser_instance.new_context(
        base_url=live_asgi.url, locale="en-GB", viewport=PHONE, java_script_enabled=javascript
    )
    page = context.new_page()
    _expert(page)
    page.goto("/resources/new/")
    expect(page.get_by_text("Step 1 of 5")).to_have_count(0)
    page.get_by_label("Title").fill("Sent without scripts")
    page.get_by_label("Summary").fill("Every field shows; the lists open with their summaries.")
    page.get_by_label("Toolkit or manual").check()
    page.get_by_label("External link").fill("https://example.org/guide")
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(re.compile(r"/resources/\d+/$"))
    assert Resource.objects.get().title == "Sent without scripts"
    context.close()
