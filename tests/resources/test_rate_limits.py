import uuid

import pytest

from moderation.models import Report

from .factories import make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _small_limits(settings):
    settings.RATE_LIMIT_KEY_PREFIX = f"rl-{uuid.uuid4().hex}"
    settings.RATE_LIMITS = {"report": (1, 3600)}


def test_reporting_resources_over_the_limit_answers_429(member_client):
    first, second = make_resource(title="First toolkit"), make_resource(title="Second toolkit")
    assert member_client.post(f"/resources/{first.pk}/report/", {"reason": "spam"}).status_code == 302
    response = member_client.post(f"/resources/{second.pk}/report/", {"reason": "spam"})
    assert response.status_code == 429
    assert Report.objects.count() == 1
