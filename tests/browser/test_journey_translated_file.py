"""Journey: a member who lists Kyrgyz uploads the Kyrgyz translation of a Russian toolkit's
PDF from the toolkit's page; it is published as a Kyrgyz resource and a reader finds it under
"Available in" on the original, and the original from it."""

import re

from playwright.sync_api import expect

from accounts.models import Role
from resources.demo import build_pdf
from resources.models import Resource
from taxonomy.models import Language
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB
from tests.resources.factories import make_resource

from .conftest import log_in

pytestmark = LIVE_DB

KYRGYZ_TITLE = "Коопсуздук планы боюнча колдонмо"


def test_a_member_uploads_a_translated_pdf_and_readers_find_it_linked(new_page):
    original = make_resource(title="Пособие по планированию безопасности")  # Russian, published
    translator = UserFactory(role=Role.EXPERT, display_name="Aigerim")
    translator.languages.set(Language.objects.filter(slug="ky"))
    reader = UserFactory(display_name="Bakyt")

    page = new_page()
    log_in(page, translator.email, TEST_PASSWORD)
    page.goto(original.get_absolute_url())
    page.get_by_role("link", name="Upload a translated file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Upload a translated file")
    page.get_by_label("Language of the translated file").select_option("ky")
    page.get_by_label("File", exact=True).set_input_files(
        files=[{"name": "kyrgyz-toolkit.pdf", "mimeType": "application/pdf", "buffer": build_pdf("Колдонмо")}]
    )
    page.get_by_label("Title in this language").fill(KYRGYZ_TITLE)
    page.get_by_label("Summary in this language").fill("Кризистик борборлор үчүн кадам-кадам колдонмо.")
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("The resource is published in the library.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(KYRGYZ_TITLE)
    copy = Resource.objects.get(title=KYRGYZ_TITLE)

    # Bakyt opens the Russian original: the Kyrgyz file is listed with its translator.
    other = new_page()
    log_in(other, reader.email, TEST_PASSWORD)
    other.goto(original.get_absolute_url())
    available = other.locator("section[aria-labelledby='member-translations-heading']")
    expect(available).to_contain_text("translated file by Aigerim")
    available.get_by_role("link", name=re.compile("Kyrgyz|Кыргызча")).click()
    expect(other).to_have_url(re.compile(rf"/resources/{copy.pk}/"))
    expect(other.get_by_role("link", name=re.compile(r"Download kyrgyz-toolkit\.pdf"))).to_be_visible()
    # ... and from it, back to the original.
    other.locator(".translation-note").get_by_role("link", name="Show original").click()
    expect(other.get_by_role("heading", level=1)).to_have_text(original.title)
