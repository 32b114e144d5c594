"""Journey 3e: an expert creates a collection, adds resources by their address, puts them in
order with the Move buttons and gives it a Russian title and introduction; a member reads it,
and a member who uses the site in Russian reads it in Russian, on a desktop and a phone."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB
from tests.resources.factories import make_resource

from .conftest import log_in

pytestmark = LIVE_DB

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_an_expert_makes_a_collection_and_a_member_reads_it(new_page, viewport):
    expert = UserFactory(role=Role.EXPERT, display_name="Dinara")
    first = make_resource(author=expert, title="Safety planning basics", uploads=[], external_url="https://e.org/1")
    second = make_resource(author=expert, title="Referral pathways", uploads=[], external_url="https://e.org/2")
    page = new_page()
    page.set_viewport_size(viewport)
    log_in(page, expert.email, TEST_PASSWORD)

    page.goto("/resources/")
    page.get_by_role("link", name="Collections", exact=True).click()
    page.get_by_role("link", name="Create a collection").click()
    page.get_by_label("Title").fill("First week at a crisis centre")
    page.get_by_label("Introduction").fill("Read these **in order**.")
    page.get_by_role("button", name="Create").click()
    expect(page.get_by_text("The collection is created.")).to_be_visible()

    for resource in (first, second):
        page.get_by_label("Add a resource").fill(page.url.split("/resources/")[0] + resource.get_absolute_url())
        page.get_by_role("button", name="Add", exact=True).click()
        expect(page.get_by_text(f"“{resource.title}” is added.")).to_be_visible()
    page.get_by_role("button", name=re.compile(r"^Move up\W+Referral pathways$")).click()
    items = page.locator(".collection-edit__item")
    expect(items.first).to_contain_text("Referral pathways")

    # The title and introduction in Russian, from the same edit page.
    adding = page.get_by_role("group", name="Add a translation")
    adding.get_by_label("Language").select_option("ru")
    adding.get_by_label("Title").fill("Первая неделя в кризисном центре")
    adding.get_by_label("Introduction").fill("Читайте **по порядку**.")
    adding.get_by_role("button", name="Add the translation").click()
    expect(page.get_by_text("The translation is saved.")).to_be_visible()
    expect(page.get_by_role("group", name="Русский").get_by_label("Title")).to_have_value(
        "Первая неделя в кризисном центре"
    )

    page.get_by_role("link", name="See the collection").click()
    expect(page.get_by_role("heading", name="First week at a crisis centre")).to_be_visible()
    address = page.url

    reader = new_page()
    reader.set_viewport_size(viewport)
    log_in(reader, UserFactory(role=Role.MEMBER).email, TEST_PASSWORD)
    reader.goto("/resources/collections/")
    reader.get_by_role("link", name="First week at a crisis centre").click()
    expect(reader.get_by_text("in order")).to_be_visible()
    cards = reader.get_by_role("region", name="Resources").get_by_role("article")
    expect(cards).to_have_count(2)
    expect(cards.first).to_contain_text("Referral pathways")
    expect(reader.get_by_role("link", name="Edit the collection")).to_have_count(0)
    assert reader.evaluate("() => document.documentElement.scrollWidth") <= viewport["width"]
    assert re.search(r"/resources/collections/\d+/$", reader.url)

    russian = new_page()
    russian.set_viewport_size(viewport)
    log_in(russian, UserFactory(role=Role.MEMBER, ui_language="ru").email, TEST_PASSWORD)
    russian.goto(address)
    heading = russian.get_by_role("heading", level=1)
    expect(heading).to_have_text("Первая неделя в кризисном центре")
    expect(heading).to_have_attribute("lang", "ru")
    expect(russian.locator(".collection .prose strong")).to_have_text("по порядку")
