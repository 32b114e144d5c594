"""Journey 3c: a member narrows the library by two facets without pressing a button, removes
one of the chosen filters, and reads page 3 of a PDF in the browser, on a desktop and a phone."""

import re

import pytest
from playwright.sync_api import expect

from taxonomy.models import Country, Theme
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB
from tests.resources.factories import make_resource, multipage_pdf_upload

from .conftest import log_in

pytestmark = LIVE_DB

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_member_narrows_the_library_live_and_reads_a_pdf_page_by_page(page, viewport):
    page.set_viewport_size(viewport)
    kz, kg = Country.objects.get(slug="kz"), Country.objects.get(slug="kg")
    dv, trafficking = Theme.objects.get(slug="domestic-ipv"), Theme.objects.get(slug="trafficking-migration")
    make_resource(
        title="Court support handbook",
        countries=[kz],
        themes=[dv],
        uploads=[multipage_pdf_upload(name="handbook.pdf", pages=5)],
    )
    make_resource(
        title="Migrant workers in Almaty",
        countries=[kz],
        themes=[trafficking],
        uploads=[],
        external_url="https://e.org",
    )
    make_resource(
        title="Domestic violence in Bishkek", countries=[kg], themes=[dv], uploads=[], external_url="https://e.org"
    )
    log_in(page, UserFactory().email, TEST_PASSWORD)

    page.goto("/resources/")
    results = page.get_by_role("region", name="Resources")
    expect(results.get_by_role("article")).to_have_count(3)
    # The script runs: the Apply buttons are not needed.
    expect(page.get_by_role("button", name="Apply filters")).to_have_count(0)
    expect(page.get_by_text("Apply filters").first).to_be_hidden()

    filters = page.get_by_role("region", name="Filters")
    filters.get_by_role("checkbox", name=re.compile(r"^Kazakhstan")).check()
    page.wait_for_url(re.compile(r"country=kz"))
    expect(results.get_by_role("article")).to_have_count(2)
    # The counts follow: one resource about Kazakhstan is about domestic violence.
    expect(filters.get_by_role("checkbox", name="Domestic and intimate partner violence (1)")).to_be_visible()
    expect(filters.get_by_role("checkbox", name=re.compile(r"^Kazakhstan"))).to_be_focused()

    filters.get_by_role("checkbox", name=re.compile(r"^Domestic and intimate partner violence")).check()
    page.wait_for_url(re.compile(r"theme=domestic-ipv"))
    expect(results.get_by_role("article")).to_have_count(1)
    expect(page.get_by_role("status")).to_have_text("1 resource matches.")

    # Remove one chip: the country goes, the theme stays.
    page.get_by_role("link", name=re.compile(r"Remove filter Country: Kazakhstan")).click()
    page.wait_for_url(re.compile(r"^(?!.*country=).*theme=domestic-ipv"))
    expect(results.get_by_role("article")).to_have_count(2)
    expect(page.get_by_role("link", name=re.compile(r"Remove filter Theme: Domestic"))).to_be_visible()

    # The bookmarked address shows the same results.
    page.goto(page.url)
    expect(results.get_by_role("article")).to_have_count(2)

    results.get_by_role("link", name="Court support handbook").click()
    page.get_by_role("link", name="Read handbook.pdf page by page").click()
    expect(page.get_by_text("Page 1 of 5").first).to_be_visible()
    page.get_by_role("navigation", name="Pages", exact=True).get_by_role("link", name="Next page").click()
    page.get_by_role("navigation", name="Pages", exact=True).get_by_role("link", name="Next page").click()
    expect(page.get_by_text("Page 3 of 5").first).to_be_visible()
    image = page.get_by_role("img", name="Page 3 of 5")
    expect(image).to_be_visible()
    page.wait_for_function("() => document.querySelector('.reader__page img').complete")
    assert image.evaluate("img => img.naturalWidth") == 720
    # On a phone the page fits the screen.
    box = image.bounding_box()
    assert box["x"] + box["width"] <= viewport["width"]
    # Discreet mode (the default): the tab names only the section, never the resource.
    assert "Court support" not in page.title()


def test_in_discreet_mode_search_words_stay_out_of_the_address(page):
    make_resource(title="Shelter standards", uploads=[], external_url="https://e.org")
    make_resource(title="Hotline scripts", uploads=[], external_url="https://e.org")
    log_in(page, UserFactory().email, TEST_PASSWORD)
    page.goto("/resources/")
    page.get_by_role("searchbox", name="Search the library").fill("shelter")
    results = page.get_by_role("region", name="Resources")
    expect(results.get_by_role("article")).to_have_count(1)
    expect(page.get_by_role("status")).to_have_text("1 resource matches.")
    page.get_by_label("Order by").select_option("title")
    page.wait_for_url(re.compile(r"sort=title"))
    assert "shelter" not in page.url
    expect(results.get_by_role("article")).to_have_count(1)
