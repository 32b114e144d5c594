"""Journey: a member sends a photo in a chat room with the paperclip; the other member sees
it appear live as a thumbnail and opens the full size."""

import io
import re

from PIL import Image
from playwright.sync_api import expect

from taxonomy.models import Country
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import LIVE_DB

from .conftest import log_in

pytestmark = LIVE_DB


def _open_room(new_page, user):
    page = new_page()
    log_in(page, user.email, TEST_PASSWORD)
    page.goto("/chat/")
    page.get_by_role("link", name="Regional exchange").click()
    expect(page.get_by_role("status").filter(has_text="Connected")).to_be_visible()
    return page


def test_a_photo_sent_in_a_room_appears_live_for_the_other_member(new_page, tmp_path):
    aigul = UserFactory(display_name="Aigul", country=Country.objects.get(slug="kz"))
    nodira = UserFactory(display_name="Nodira", country=Country.objects.get(slug="uz"), discreet_mode=False)
    picture = tmp_path / "shelter-room.png"
    out = io.BytesIO()
    Image.new("RGB", (160, 90), (40, 140, 90)).save(out, format="PNG")
    picture.write_bytes(out.getvalue())
    aigul_page = _open_room(new_page, aigul)
    nodira_page = _open_room(new_page, nodira)

    # Aigul attaches the photo: its reference goes into the message box; she sends it.
    aigul_page.get_by_label("Attach a photo or file").set_input_files(str(picture))
    expect(aigul_page.get_by_text("shelter-room.png is attached.")).to_be_visible()
    box = aigul_page.get_by_role("textbox", name="Message")
    expect(box).to_have_value(re.compile(r"!\[shelter-room\.png\]\(upload:\d+\)"))
    box.press("Control+Home")
    box.type("The room is ready ")
    aigul_page.get_by_role("button", name="Send").click()

    # Nodira sees it arrive without reloading, as a thumbnail that links to the full size.
    messages = nodira_page.get_by_role("list", name="Messages")
    thumbnail = messages.get_by_role("img", name="shelter-room.png")
    expect(thumbnail).to_be_visible()
    # Lazily loaded: wait for the picture itself, which fails if it never arrives.
    nodira_page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle())
    href = messages.locator("a.attachment--image").get_attribute("href")
    response = nodira_page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "image/png"
    assert 'filename="shelter-room.png"' in response.headers["content-disposition"]
