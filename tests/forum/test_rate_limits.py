import uuid

import pytest

from forum.models import Post
from tests.forum import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _small_limits(settings):
    settings.RATE_LIMIT_KEY_PREFIX = f"rl-{uuid.uuid4().hex}"
    settings.RATE_LIMITS = {"post": (2, 600), "report": (1, 3600)}


def test_replying_over_the_limit_answers_429_and_saves_nothing(member_client, member):
    thread = factories.thread(member)
    url = f"/forum/threads/{thread.pk}/reply/"
    for index in range(2):
        assert member_client.post(url, {"body": f"Reply {index}"}).status_code == 302
    response = member_client.post(url, {"body": "One too many"})
    assert response.status_code == 429
    assert "Please wait" in response.content.decode()
    assert not Post.objects.filter(body="One too many").exists()


def test_new_threads_and_replies_share_one_budget(member_client, member):
    thread = factories.thread(member)
    member_client.post(f"/forum/threads/{thread.pk}/reply/", {"body": "A reply"})
    member_client.post("/forum/new/", {"category": "prevention", "title": "Referral pathways", "body": "What works?"})
    response = member_client.post("/forum/new/", {"category": "prevention", "title": "Another one", "body": "And?"})
    assert response.status_code == 429


def test_previews_and_refused_replies_do_not_count(member_client, member):
    thread = factories.thread(member)
    url = f"/forum/threads/{thread.pk}/reply/"
    for _ in range(3):
        assert member_client.post(url, {"body": "draft", "preview": "1"}).status_code == 200
        assert member_client.post(url, {"body": ""}).status_code == 200
    assert member_client.post(url, {"body": "Now for real"}).status_code == 302


def test_the_limit_is_per_member(member_client, member, other_member, client):
    thread = factories.thread(member)
    url = f"/forum/threads/{thread.pk}/reply/"
    for index in range(2):
        member_client.post(url, {"body": f"Reply {index}"})
    client.force_login(other_member)
    assert client.post(url, {"body": "My first"}).status_code == 302


def test_reporting_over_the_limit_answers_429(member_client, member, other_member):
    first = factories.thread(other_member).posts.get()
    second = factories.thread(other_member, title="Another thread").posts.get()
    assert member_client.post(f"/forum/p/{first.pk}/report/", {"reason": "spam"}).status_code == 302
    assert member_client.post(f"/forum/p/{second.pk}/report/", {"reason": "spam"}).status_code == 429
