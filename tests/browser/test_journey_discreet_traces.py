"""Journey: in discreet mode (the default) a member searches, opens a library result and
downloads its file; the tab title names only the section, no address in the browser's
history holds the search term or a title, and the file gets a neutral name."""

import re

from resources.models import FileVersion
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB
from tests.resources.factories import make_resource, pdf_upload

from .conftest import log_in

pytestmark = LIVE_DB

TERM = "protection order"


def test_search_open_and_download_leave_no_title_or_term_behind(page):
    resource = make_resource(
        title="Protection orders for survivors in Osh",
        summary="How to ask a court for a protection order.",
        uploads=[pdf_upload(name="protection-orders-osh.pdf", title="Protection orders")],
    )
    version = FileVersion.objects.get(file__resource=resource)
    member = UserFactory()
    log_in(page, member.email, TEST_PASSWORD)
    visited = [page.url]

    page.get_by_role("searchbox", name="Search").first.fill(TERM)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/r/[\w-]+/$"))
    visited.append(page.url)
    assert page.title() == "Search · Alliance Hub"
    assert (
        page.get_by_role("searchbox", name="Search the forum, library and chat").get_attribute("autocomplete") == "off"
    )

    page.get_by_role("link", name="Protection orders for survivors in Osh").click()
    page.wait_for_url(re.compile(rf"/resources/{resource.pk}/$"))
    visited.append(page.url)
    assert page.title() == "Library · Alliance Hub"

    with page.expect_download() as info:
        page.get_by_role("link", name="Download protection-orders-osh.pdf").click()
    assert info.value.suggested_filename == f"document-{version.pk}.pdf"

    # Walk back through the tab's history: no entry holds the term or the title.
    while page.go_back() is not None:
        visited.append(page.url)
    assert len(visited) >= 4
    for address in visited:
        lowered = address.lower()
        assert "protection" not in lowered and "order" not in lowered, address
        assert "q=" not in lowered, address
