"""Journeys across languages: a Kyrgyz-interface member reads a Russian opening post in
Kyrgyz after another member translated it, switches to the original, and sees the
translation marked outdated once the original is edited; a Dari-interface member asks for a
translation of an English resource and is notified when it is published."""

import re

from playwright.sync_api import expect

from forum import services as forum_services
from forum.models import Category
from taxonomy.models import Country, Language
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB

from .conftest import log_in

pytestmark = LIVE_DB

RUSSIAN_TITLE = "Планирование безопасности в сёлах"
RUSSIAN_BODY = "Как вы составляете план безопасности с пострадавшими в сёлах?"
KYRGYZ_TITLE = "Айылдардагы коопсуздук планы"
KYRGYZ_BODY = "Айылдарда жабыр тарткандар менен коопсуздук планын кантип түзөсүз?"


def _speaker(code, **kwargs):
    user = UserFactory(**kwargs)
    user.languages.set(Language.objects.filter(slug=code))
    return user


def test_a_kyrgyz_reader_reads_a_russian_post_in_kyrgyz_and_sees_it_outdated_after_an_edit(new_page):
    author = UserFactory(display_name="Olga", country=Country.objects.get(slug="kg"))
    translator = _speaker("ky", display_name="Aigerim")
    reader = UserFactory(display_name="Bakyt", ui_language="ky")
    thread = forum_services.thread_create(
        author=author, category=Category.objects.get(slug="prevention"), title=RUSSIAN_TITLE, body=RUSSIAN_BODY
    )

    # Aigerim, who lists Kyrgyz in her profile, translates the opening post.
    page = new_page()
    log_in(page, translator.email, TEST_PASSWORD)
    page.goto(thread.get_absolute_url())
    page.locator("article#post-1").get_by_role("link", name="Translate", exact=True).click()
    expect(page.get_by_text(RUSSIAN_BODY)).to_be_visible()
    page.get_by_label("Title").fill(KYRGYZ_TITLE)
    page.get_by_label("Translation of the message").fill(KYRGYZ_BODY)
    page.get_by_role("button", name="Publish translation").click()
    expect(page.get_by_text("Your translation is published. Thank you.")).to_be_visible()

    # Bakyt reads the hub in Kyrgyz: the post shows in Kyrgyz, with who translated it.
    other = new_page()
    log_in(other, reader.email, TEST_PASSWORD)
    other.goto(thread.get_absolute_url())
    post = other.locator("article#post-1")
    body = post.locator(".post__body")
    expect(body).to_have_text(KYRGYZ_BODY)
    expect(body).to_have_attribute("lang", "ky")
    expect(other.get_by_role("heading", level=1)).to_have_text(KYRGYZ_TITLE)
    expect(post.locator(".translation-note")).to_contain_text("Aigerim")

    # He switches to the original, without JavaScript involved.
    post.locator('.translation-note a[href*="original=1"]').click()
    expect(other).to_have_url(re.compile(r"original=1"))
    expect(other.locator("article#post-1 .post__body")).to_have_text(RUSSIAN_BODY)
    expect(other.locator("article#post-1 .post__body")).to_have_attribute("lang", "ru")

    # The author edits the original: the translation is marked outdated.
    first = thread.posts.get(position=1)
    forum_services.post_edit(editor=author, post=first, body=RUSSIAN_BODY + " Поделитесь опытом.")
    other.goto(thread.get_absolute_url() + "?page=1")
    expect(other.locator("article#post-1 .translation-note .badge")).to_be_visible()
    expect(other.locator("article#post-1 .post__body")).to_have_text(KYRGYZ_BODY)


def test_a_dari_reader_requests_a_translation_of_an_english_resource_and_is_notified(new_page):
    from tests.resources.factories import make_resource, terms

    resource = make_resource(
        title="Safety planning toolkit",
        summary="A step-by-step guide for crisis centres.",
        description="Plan the first **48 hours** with the survivor.",
        languages=terms(Language, "en"),
        uploads=[],
        external_url="https://example.org/toolkit",
    )
    reader = UserFactory(display_name="Mariam", ui_language="fa-af", country=Country.objects.get(slug="af"))
    translator = _speaker("fa-af", display_name="Zarghona")

    # Mariam reads the hub in Dari and asks for the resource in Dari.
    page = new_page()
    log_in(page, reader.email, TEST_PASSWORD)
    page.goto(resource.get_absolute_url())
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    # Her interface is in Dari: the form is found by its place, not by its English words.
    request_form = page.locator("form[action$='/request/']").filter(has=page.locator("#resource-translation-language"))
    request_form.locator("#resource-translation-language").select_option("fa-af")
    request_form.locator("button[type=submit]").click()
    expect(page.locator(".messages, [role=status], .message").first).to_be_visible()

    # Zarghona, who lists Dari, finds the request and translates the resource.
    other = new_page()
    log_in(other, translator.email, TEST_PASSWORD)
    other.goto("/translations/requests/")
    row = other.get_by_role("listitem").filter(has_text="Safety planning toolkit")
    row.get_by_role("link", name="Translate").click()
    other.get_by_label("Title").fill("رهنمود برنامه ایمنی")
    other.get_by_label("Summary").fill("رهنمای گام به گام برای مراکز بحران.")
    other.get_by_label("Description").fill("۴۸ ساعت اول را با بازمانده برنامه‌ریزی کنید.")
    other.get_by_role("button", name="Publish translation").click()
    expect(other.get_by_text("Your translation is published. Thank you.")).to_be_visible()

    # Mariam is notified, and the resource page shows the Dari translation, right to left.
    page.goto("/notifications/")
    notification = page.locator("li").filter(has_text="Zarghona").filter(has_text="Safety planning toolkit")
    expect(notification.first).to_be_visible()
    page.goto(resource.get_absolute_url())
    # In place of the original, right to left, with the original one click away.
    title = page.get_by_role("heading", level=1)
    expect(title).to_have_text("رهنمود برنامه ایمنی")
    expect(title).to_have_attribute("dir", "rtl")
    expect(title).to_have_attribute("lang", "fa-af")
    page.locator(".translation-note a[href='?original=1']").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Safety planning toolkit")
