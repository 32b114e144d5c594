"""Accessibility (axe-core, as in test_accessibility) of the library after a live filter update,
with its chips, and of the page-by-page reader, on a phone; and the library without scripts."""

import re

from playwright.sync_api import expect

from resources.models import FileVersion
from taxonomy.models import Country
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB
from tests.resources.factories import make_resource, multipage_pdf_upload

from .conftest import log_in
from .test_accessibility import PHONE, axe_violations

pytestmark = LIVE_DB


def test_the_live_library_and_the_reader_have_no_serious_accessibility_violations(new_page):
    resource = make_resource(
        title="Court support handbook",
        countries=[Country.objects.get(slug="kz")],
        uploads=[multipage_pdf_upload(name="handbook.pdf", pages=3)],
    )
    version = FileVersion.objects.get(file__resource=resource)
    page = new_page(bypass_csp=True)
    page.set_viewport_size(PHONE)
    log_in(page, UserFactory().email, TEST_PASSWORD)

    page.goto("/resources/")
    page.get_by_role("region", name="Filters").get_by_role("checkbox", name=re.compile(r"^Kazakhstan")).check()
    page.wait_for_url(re.compile(r"country=kz"))
    expect(page.get_by_role("link", name=re.compile(r"Remove filter Country: Kazakhstan"))).to_be_visible()
    problems = axe_violations(page, "library after a live update")

    page.goto(f"/resources/{resource.pk}/preview/{version.pk}/?page=2")
    page.wait_for_function("() => document.querySelector('.reader__page img').complete")
    problems += axe_violations(page, "reader")
    assert not problems, "axe found serious or critical violations:\n" + "\n".join(problems)


def test_without_scripts_the_library_filters_with_its_apply_button(browser_instance, live_asgi):
    make_resource(
        title="Almaty shelters", countries=[Country.objects.get(slug="kz")], uploads=[], external_url="https://e.org"
    )
    context = browser_instance.new_context(base_url=live_asgi.url, java_script_enabled=False)
    try:
        page = context.new_page()
        log_in(page, UserFactory().email, TEST_PASSWORD)
        page.goto("/resources/")
        page.get_by_role("region", name="Filters").get_by_role("checkbox", name=re.compile(r"^Kazakhstan")).check()
        page.get_by_role("button", name="Apply filters").last.click()
        page.wait_for_url(re.compile(r"country=kz"))
        page.get_by_role("link", name=re.compile(r"Remove filter Country: Kazakhstan")).click()
        page.wait_for_url(lambda url: "/resources/" in url and "country=" not in url)
        expect(page.get_by_role("region", name="Resources").get_by_role("article")).to_have_count(1)
    finally:
        context.close()
