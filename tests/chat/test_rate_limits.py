import uuid

import pytest
from django.urls import reverse

from moderation.models import Report
from tests.factories import UserFactory

from .factories import open_room, send

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _small_limits(settings):
    settings.RATE_LIMIT_KEY_PREFIX = f"rl-{uuid.uuid4().hex}"
    settings.RATE_LIMITS = {"report": (1, 3600)}


def test_reporting_messages_over_the_limit_answers_429(member_client):
    author = UserFactory()
    room = open_room()
    first, second = send(author, room, "one"), send(author, room, "two")
    assert member_client.post(reverse("chat:message_report", args=[first.pk]), {"reason": "spam"}).status_code == 302
    response = member_client.post(reverse("chat:message_report", args=[second.pk]), {"reason": "spam"})
    assert response.status_code == 429
    assert Report.objects.count() == 1
