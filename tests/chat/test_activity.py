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


def test_messages_are_searchable_by_members_of_the_room_only(member, other_member):
    from search.selectors import search

    room = private_room(owner=member)
    send(member, room, "Shelter capacity in Karakol is exhausted")
    assert [r.document.url for r in search(member, "Karakol").results]
    assert not search(other_member, "Karakol").results


def test_a_deleted_message_leaves_search(member):
    from search.selectors import search

    message = send(member, open_room(), "Budget for the Osh crisis centre")
    services.message_delete(actor=member, message=message)
    assert not search(member, "Osh").results


def test_purged_messages_leave_search(member):
    from datetime import timedelta

    from django.utils import timezone

    from chat.models import Message
    from search.models import Document

    room = private_room(owner=member)
    room.retention_days = 1
    room.save()
    message = send(member, room, "Temporary note")
    Message.objects.filter(pk=message.pk).update(created_at=timezone.now() - timedelta(days=2))
    services.messages_purge_expired()
    assert not Document.objects.filter(object_id=message.pk, kind=Document.Kind.MESSAGE).exists()
