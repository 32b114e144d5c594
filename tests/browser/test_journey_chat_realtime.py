"""Journey 4: two members in different countries chat in a room in real time; one goes
offline, the other writes, the first comes back and sees what they missed; what the first
typed while offline goes out on reconnect."""

from playwright.sync_api import expect

from chat.models import Message
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


def _write(page, text):
    page.get_by_role("textbox", name="Message").fill(text)
    page.get_by_role("button", name="Send").click()


def test_two_members_chat_live_and_nothing_is_lost_while_offline(new_page):
    aigul = UserFactory(display_name="Aigul", country=Country.objects.get(slug="kz"))
    nodira = UserFactory(display_name="Nodira", country=Country.objects.get(slug="uz"))
    aigul_page = _open_room(new_page, aigul)
    nodira_page = _open_room(new_page, nodira)
    messages_of = lambda page: page.get_by_role("list", name="Messages")  # noqa: E731

    # Live exchange both ways.
    _write(aigul_page, "Our shelter in Almaty has **two** free places")
    expect(messages_of(nodira_page).get_by_text("two free places", exact=False)).to_be_visible()
    expect(messages_of(nodira_page).locator("strong", has_text="two")).to_be_visible()
    _write(nodira_page, "Thank you, I will refer a client from Tashkent")
    expect(messages_of(aigul_page).get_by_text("refer a client from Tashkent")).to_be_visible()

    # Aigul's connection drops; Nodira keeps writing; Aigul writes too while offline.
    aigul_page.context.set_offline(True)
    expect(aigul_page.get_by_role("status").filter(has_text="Offline")).to_be_visible()
    _write(nodira_page, "Missed one: the hotline number changed")
    _write(nodira_page, "Missed two: training on Friday")
    _write(aigul_page, "Written on the train without signal")
    expect(aigul_page.get_by_text("1 message(s) waiting to be sent.")).to_be_visible()
    expect(messages_of(aigul_page).get_by_text("Missed one")).to_have_count(0)

    # Back online: she gets exactly what she missed, in order, and her message goes out.
    aigul_page.context.set_offline(False)
    expect(aigul_page.get_by_role("status").filter(has_text="Connected")).to_be_visible(timeout=20_000)
    aigul_list = messages_of(aigul_page)
    expect(aigul_list.get_by_text("Missed one: the hotline number changed")).to_have_count(1)
    expect(aigul_list.get_by_text("Missed two: training on Friday")).to_have_count(1)
    texts = aigul_list.locator(".chat-message__body").all_inner_texts()
    assert texts.index("Missed one: the hotline number changed") < texts.index("Missed two: training on Friday")
    expect(messages_of(nodira_page).get_by_text("Written on the train without signal")).to_be_visible()
    expect(aigul_page.get_by_text("waiting to be sent")).to_have_count(0)
    assert Message.objects.filter(body="Written on the train without signal").count() == 1

    # A reload renders the same history on the server.
    aigul_page.reload()
    expect(messages_of(aigul_page).get_by_text("Missed two: training on Friday")).to_be_visible()
