"""Journey 3b: a member filters the library by country and theme, opens a resource, previews
it and downloads it."""

import re

from playwright.sync_api import expect

from resources.models import FileVersion
from resources.thumbnails import thumbnail_generate
from taxonomy.models import Country, Theme
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB
from tests.resources.factories import make_resource, pdf_upload

from .conftest import log_in

pytestmark = LIVE_DB


def test_a_member_filters_opens_and_downloads(page):
    kz, kg = Country.objects.get(slug="kz"), Country.objects.get(slug="kg")
    dv, trafficking = Theme.objects.get(slug="domestic-ipv"), Theme.objects.get(slug="trafficking-migration")
    wanted = make_resource(
        title="Court support for survivors in Almaty",
        countries=[kz],
        themes=[dv],
        uploads=[pdf_upload(name="court-support.pdf", title="Court support")],
    )
    make_resource(
        title="Migrant workers' rights leaflet",
        countries=[kg],
        themes=[trafficking],
        uploads=[],
        external_url="https://example.org",
    )
    make_resource(
        title="Domestic violence in Bishkek",
        countries=[kg],
        themes=[dv],
        uploads=[],
        external_url="https://example.org",
    )
    thumbnail_generate(FileVersion.objects.get(file__resource=wanted).pk)
    member = UserFactory()
    log_in(page, member.email, TEST_PASSWORD)

    page.goto("/resources/")
    filters = page.get_by_role("region", name="Filters")
    filters.get_by_role("checkbox", name=re.compile(r"^Kazakhstan")).check()
    filters.get_by_role("checkbox", name=re.compile(r"^Domestic and intimate partner violence")).check()
    # The filters apply as they change (resources/library.js); no button to press.
    page.wait_for_url(re.compile(r"^(?=.*country=kz)(?=.*theme=domestic-ipv)"))

    results = page.get_by_role("region", name="Resources")
    expect(results.get_by_role("article")).to_have_count(1)
    results.get_by_role("link", name="Court support for survivors in Almaty").click()

    expect(page.get_by_role("heading", name="Court support for survivors in Almaty")).to_be_visible()
    expect(page.get_by_role("img", name="Preview of the first page")).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("link", name="Download court-support.pdf").click()
    download = info.value
    # Discreet mode (the default): a neutral name rather than the file's own.
    version = FileVersion.objects.get(file__resource=wanted)
    assert download.suggested_filename == f"document-{version.pk}.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert FileVersion.objects.get(file__resource=wanted).download_count == 1
