"""Chat takes a mention typed by hand as the forum does: "@" and a colleague's whole display
name is one mention of them; what matches nobody or several people stays text (chat does not
stop a message for it)."""

import pytest

from notifications.models import Kind, Notification
from tests.factories import UserFactory

from .factories import open_room, send

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "typed", "after"),
    [
        ("Partner in Afghanistan", "Здравствуйте, @Partner in Afghanistan hello", " hello"),
        ("Dilnoza T.", "@dilnoza t. can you share it?", " can you share it?"),
        ("Айжан Н.", "@АЙЖАН Н., добрый день", ", добрый день"),
        ("ملالی احمدی", "سلام @ملالی احمدی", ""),
    ],
)
def test_a_whole_display_name_typed_in_chat_is_one_mention(member, name, typed, after):
    colleague = UserFactory(display_name=name)
    message = send(member, open_room(), typed)
    before = typed[: typed.index("@")]
    assert message.body == f"{before}@[{name}](member:{colleague.pk}){after}"
    assert list(message.mentions.all()) == [colleague]
    assert f'data-member-id="{colleague.pk}">@{name}</a>' in message.body_html
    assert message.body_html.count(name.split()[-1]) == 1


def test_the_mentioned_member_is_notified_once_with_the_name_read_once(member):
    colleague = UserFactory(display_name="Partner in Afghanistan")
    send(member, open_room(), "@Partner in Afghanistan hello")
    notification = Notification.objects.get(recipient=colleague)
    assert notification.kind == Kind.MENTION
    assert notification.excerpt == f"@[Partner in Afghanistan](member:{colleague.pk}) hello"


def test_a_typed_part_of_a_name_that_only_one_member_has_still_mentions_them(member):
    colleague = UserFactory(display_name="Partner in Afghanistan")
    message = send(member, open_room(), "@Partner hello")
    assert message.body == f"@[Partner in Afghanistan](member:{colleague.pk}) hello"


def test_a_typed_name_several_members_share_stays_text(member):
    UserFactory(display_name="Partner in Afghanistan")
    UserFactory(display_name="Partner in Tajikistan")
    message = send(member, open_room(), "@Partner in Kabul hello")
    assert message.body == "@Partner in Kabul hello"
    assert not message.mentions.exists()
