"""People are chosen by member id in a picker: a mention found by a middle part of a Cyrillic
name shows as a link with the person's name, and a profile's "Message" button starts a
direct conversation with that member."""

from playwright.sync_api import expect

from chat.models import Room, RoomMember
from forum.models import Post
from tests.factories import TEST_PASSWORD, UserFactory
from tests.forum import factories
from tests.helpers import LIVE_DB

from .conftest import log_in

pytestmark = LIVE_DB


def test_a_mention_picked_by_a_middle_part_of_a_cyrillic_name_shows_as_a_link(page):
    member = UserFactory(display_name="Madina")
    colleague = UserFactory(display_name="Айжан Нурлановна Сейткали")
    thread = factories.thread(member, title="Shelter referrals in winter")
    log_in(page, member.email, TEST_PASSWORD)

    page.goto(thread.get_absolute_url())
    reply = page.get_by_label("Your reply")
    reply.click()
    reply.type("Спасибо, @Нурлан")
    option = page.get_by_role("option", name="Айжан Нурлановна Сейткали")
    expect(option).to_be_visible()
    option.click()
    expect(reply).to_have_value(f"Спасибо, @[Айжан Нурлановна Сейткали](member:{colleague.pk}) ")
    page.get_by_role("button", name="Post reply").click()

    link = page.locator("article#post-2").get_by_role("link", name="@Айжан Нурлановна Сейткали")
    expect(link).to_be_visible()
    expect(link).to_have_attribute("href", f"/members/{colleague.pk}/")
    assert list(Post.objects.get(thread=thread, position=2).mentions.all()) == [colleague]


def test_the_message_button_on_a_profile_starts_a_direct_conversation(page):
    member = UserFactory(display_name="Zarina")
    colleague = UserFactory(display_name="Gulnara Sadykova")
    UserFactory(display_name="Gulnara Sadykova 2")  # a similar name must not matter
    log_in(page, member.email, TEST_PASSWORD)

    page.goto(f"/members/{colleague.pk}/")
    page.get_by_role("button", name="Message Gulnara Sadykova").click()
    expect(page.get_by_role("heading", name="Gulnara Sadykova", exact=True)).to_be_visible()
    room = Room.objects.get(kind=Room.Kind.DIRECT)
    assert set(RoomMember.objects.filter(room=room).values_list("user_id", flat=True)) == {member.pk, colleague.pk}
