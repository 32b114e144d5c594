"""Journey: a member attaches a photo to a reply from the composer; another member sees the
thumbnail and opens the full size; a member who cannot see the thread gets nothing for the
picture's address."""

import io
import re

from PIL import Image
from playwright.sync_api import expect

from forum import services
from forum.models import Category
from taxonomy.models import Country
from tests.factories import TEST_PASSWORD, UserFactory
from tests.forum.factories import restricted_category
from tests.helpers import LIVE_DB

from .conftest import log_in

pytestmark = LIVE_DB


def photo_with_location() -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (42.0, 52.0, 11.0)}
    out = io.BytesIO()
    Image.new("RGB", (200, 120), (30, 110, 160)).save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_reply_with_a_photo_is_seen_as_a_thumbnail_by_another_member(new_page, tmp_path):
    kyrgyz = Country.objects.get(slug="kg")
    author = UserFactory(display_name="Aigerim", country=kyrgyz)
    replier = UserFactory(display_name="Dilnoza", country=kyrgyz)
    reader = UserFactory(display_name="Farida", country=kyrgyz, discreet_mode=False)
    outsider = UserFactory(display_name="Outsider", country=Country.objects.get(slug="kz"))
    thread = services.thread_create(
        author=author,
        category=restricted_category(access=Category.Access.COUNTRIES, countries=("kg",)),
        title="Posters for the shelter",
        body="Which poster should we print?",
    )
    picture = tmp_path / "poster.jpg"
    picture.write_bytes(photo_with_location())

    # The member writes a reply and attaches the poster: its reference appears in the text.
    page = new_page()
    log_in(page, replier.email, TEST_PASSWORD)
    page.goto(thread.get_absolute_url())
    body = page.get_by_label("Your reply")
    body.fill("This is the one we liked:")
    page.get_by_label("Attach a picture or file").set_input_files(str(picture))
    expect(page.get_by_role("status").filter(has_text="poster.jpg is attached.")).to_be_visible()
    expect(body).to_have_value(re.compile(r"^This is the one we liked:\n!\[poster\.jpg\]\(upload:\d+\)"))
    page.get_by_role("button", name="Post reply").click()
    reply = page.locator("article#post-2")
    expect(reply.get_by_role("img", name="poster.jpg")).to_be_visible()

    # Another member of the category sees the thumbnail and opens the full size.
    other = new_page()
    log_in(other, reader.email, TEST_PASSWORD)
    other.goto(thread.get_absolute_url() + "?page=1")
    thumbnail = other.locator("article#post-2").get_by_role("img", name="poster.jpg")
    expect(thumbnail).to_be_visible()
    other.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle())
    full_url = other.locator("article#post-2 a.attachment--image").get_attribute("href")
    response = other.request.get(full_url)
    assert response.status == 200
    assert response.headers["content-type"] == "image/jpeg"
    assert response.headers["x-content-type-options"] == "nosniff"
    with Image.open(io.BytesIO(response.body())) as served:
        assert not served.getexif()  # the location stayed behind

    # A member from another country cannot see the thread, nor the picture.
    stranger = new_page()
    log_in(stranger, outsider.email, TEST_PASSWORD)
    assert stranger.request.get(full_url).status == 404
    assert stranger.request.get(full_url + "thumb/").status == 404
    stranger.goto(thread.get_absolute_url())
    expect(stranger.locator("article#post-2")).to_have_count(0)
