import pytest

from accounts.models import Role
from chat import services
from notifications.models import Kind, Notification
from tests.factories import UserFactory

from .factories import country_room, open_room, private_room, send

pytestmark = pytest.mark.django_db


def test_a_mention_notifies_the_mentioned_member(member, other_member):
    send(member, open_room(), f"@[{other_member.display_name}] can you share the toolkit?")
    notification = Notification.objects.get()
    assert (notification.recipient, notification.kind) == (other_member, Kind.MENTION)


def test_a_mention_in_a_room_the_person_cannot_see_notifies_nobody(member):
    outsider = UserFactory(display_name="Farida")
    message = send(member, private_room(owner=member), "@Farida look at this")
    assert list(message.mentions.all()) == [outsider]
    assert not Notification.objects.exists()


def test_a_mention_in_a_country_room_reaches_a_moderator_from_elsewhere(member):
    moderator = UserFactory(role=Role.MODERATOR, display_name="Moderator", country=None)
    send(member, country_room("kz"), "@Moderator please check")
    assert Notification.objects.get().recipient == moderator


def test_a_direct_message_notifies_the_other_people_in_it(member, other_member):
    room = services.direct_start(sender=member, recipients=[other_member])
    send(member, room, "Hello")
    notification = Notification.objects.get()
    assert (notification.recipient, notification.kind) == (other_member, Kind.DIRECT_MESSAGE)
