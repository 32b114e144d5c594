"""Chat test data, made through the same services the product uses."""

import itertools

from django.test import TestCase

from chat import services
from chat.models import Room
from tests.factories import UserFactory

_client_ids = itertools.count(1)


def open_room() -> Room:
    return Room.objects.get(slug="regional-exchange")


def country_room(code: str = "kz") -> Room:
    return Room.objects.get(slug=f"country-{code}")


def private_room(owner=None, members=(), name="Shelter coordinators") -> Room:
    owner = owner or UserFactory()
    room = services.room_create(owner=owner, name=name)
    for person in members:
        services.room_member_add(actor=owner, room=room, member=person)
    return room


def send(sender, room, body="Hello from Almaty", **kwargs):
    """Send as the product does, commit included: what follows the commit (the broadcast, then
    the search document and the notifications) has happened when this returns."""
    kwargs.setdefault("client_id", f"test-{next(_client_ids)}")
    with TestCase.captureOnCommitCallbacks(execute=True):
        message, _created = services.message_send(sender=sender, room=room, body=body, **kwargs)
    return message
