import pytest

from accounts import demo as account_demo
from chat import demo
from chat.models import Message, Room

pytestmark = pytest.mark.django_db


def test_the_demo_chat_is_seeded_once_however_often_it_runs():
    users = account_demo.seed("a demo passphrase 2026")["users"]
    demo.seed(users)
    counts = (Message.objects.count(), Room.objects.count())
    demo.seed(users)
    assert (Message.objects.count(), Room.objects.count()) == counts
    assert Room.objects.filter(kind=Room.Kind.DIRECT).count() == 3
    assert Message.objects.filter(room__slug="regional-exchange").count() == len(demo.REGIONAL)
