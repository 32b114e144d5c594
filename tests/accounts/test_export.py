"""Members' right to their data: /accounts/export/ downloads everything they shared."""

import io
import json
import re
import uuid
import zipfile

import pytest
from django.test import TestCase

from accounts.models import Role, Status
from chat import services as chat_services
from forum import services as forum_services
from notifications import services as notification_services
from tests.chat.factories import open_room, send
from tests.factories import UserFactory
from tests.forum.factories import reply, thread
from tests.helpers import reauthenticated
from tests.resources.factories import make_resource

pytestmark = pytest.mark.django_db

URL = "/accounts/export/"


@pytest.fixture(autouse=True)
def _room_to_export(settings):
    settings.RATE_LIMIT_KEY_PREFIX = f"rl-{uuid.uuid4().hex}"
    settings.RATE_LIMITS = {"export": (100, 24 * 60 * 60)}


def _download(client) -> tuple[dict, zipfile.ZipFile]:
    """Ask for the archive, let the background task build it, follow the link on the page."""
    client = reauthenticated(client)
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post(URL).status_code == 302
    link = re.findall(r'href="(/accounts/export/[0-9a-f]{32}/)"', client.get(URL).text)[0]  # newest first
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return json.loads(archive.read("data.json")), archive


@pytest.fixture
def content(member, other_member):
    """A bit of everything the member can create, beside what another member wrote."""
    own_thread = thread(member, title="Shelter referral paths", body="First version")
    opening = own_thread.posts.get(position=1)
    forum_services.post_edit(editor=member, post=opening, body="Second version", reason="typo")
    others_thread = thread(other_member, title="Hotline numbers", body="Others' opening post")
    own_reply = reply(others_thread, member, body="My reply to a colleague")
    forum_services.reaction_toggle(user=member, post=others_thread.posts.get(position=1), kind="thanks")
    forum_services.thread_watch(user=member, thread=others_thread, watch=True)
    message = send(member, open_room(), body="My chat message")
    direct = chat_services.direct_start(sender=member, recipients=[other_member])
    send(other_member, direct, body="A secret from my colleague")
    own_direct = send(member, direct, body="My direct answer")
    chat_services.reaction_toggle(user=member, message=message, emoji="👍")
    resource = make_resource(author=member, title="Community toolkit")
    notification_services.preferences_update(user=member, deliveries={"mention": "never"})
    forum_services.post_report(
        reporter=member, post=others_thread.posts.get(position=1), reason="spam", note="My note to moderators"
    )
    return {
        "thread": own_thread,
        "reply": own_reply,
        "message": message,
        "direct": own_direct,
        "resource": resource,
        "others_thread": others_thread,
    }


def test_the_page_explains_the_archive(member_client):
    response = member_client.get(URL)
    assert response.status_code == 200
    assert b"data.json" in response.content


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.post(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_suspended_members_cannot_export(client):
    suspended = UserFactory(role=Role.MEMBER, status=Status.SUSPENDED)
    client.force_login(suspended)
    response = client.post(URL)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/status/"


def test_the_archive_holds_the_profile(member_client, member):
    data, _archive = _download(member_client)
    assert data["profile"]["email"] == member.email
    assert data["profile"]["display_name"] == member.display_name


def test_the_archive_holds_threads_and_posts_with_edit_history(member_client, content):
    data, _archive = _download(member_client)
    assert [t["title"] for t in data["forum"]["threads"]] == ["Shelter referral paths"]
    posts = {post["id"]: post for post in data["forum"]["posts"]}
    opening = content["thread"].posts.get(position=1)
    assert posts[opening.pk]["body"] == "Second version"
    assert [revision["body"] for revision in posts[opening.pk]["edit_history"]] == ["First version"]
    assert posts[content["reply"].pk]["body"] == "My reply to a colleague"


def test_the_archive_holds_reactions_and_watches(member_client, content):
    data, _archive = _download(member_client)
    assert data["forum"]["reactions"][0]["kind"] == "thanks"
    assert data["forum"]["watches"]["threads"] == [content["others_thread"].pk]
    assert data["chat"]["reactions"][0]["emoji"] == "👍"


def test_the_archive_holds_own_chat_messages_only(member_client, content):
    data, _archive = _download(member_client)
    bodies = [message["body"] for message in data["chat"]["messages"]]
    assert bodies == ["My chat message", "My direct answer"]


def test_the_archive_holds_uploaded_resources_and_their_files(member_client, content):
    data, archive = _download(member_client)
    (resource,) = data["resources"]
    assert resource["title"] == "Community toolkit"
    (entry,) = resource["files"]
    assert entry["sha256"]
    assert archive.read(entry["in_archive"]).startswith(b"%PDF")


def test_the_archive_holds_notification_preferences(member_client, content):
    data, _archive = _download(member_client)
    assert data["notification_preferences"]["mention"] == "never"


def test_the_archive_holds_reports_made_without_the_reported_text(member_client, content):
    data, _archive = _download(member_client)
    (report,) = data["reports_made"]
    assert (report["reason"], report["note"]) == ("spam", "My note to moderators")


def test_the_archive_never_holds_what_others_wrote_or_their_email(member_client, content, other_member):
    _data, archive = _download(member_client)
    text = archive.read("data.json").decode()
    assert other_member.email not in text
    assert "A secret from my colleague" not in text
    assert "Others' opening post" not in text


def _queries(client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        _download(client)
    return len(captured)


def test_building_the_archive_costs_the_same_queries_for_little_and_much_data(member_client, member, settings):
    settings.CHAT_RATE_BURST = 10_000
    t = thread(member)
    _download(member_client)  # session tracking and caches warm up on the first request
    small = _queries(member_client)
    for number in range(30):
        reply(t, member, body=f"reply {number}")
        send(member, open_room(), body=f"message {number}")
    assert _queries(member_client) == small


def test_the_download_asks_for_the_password_first(member_client, member):
    response = member_client.post(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    # The page that explains the archive needs no password.
    assert member_client.get(URL).status_code == 200


@pytest.mark.parametrize(("discreet", "prefix"), [(True, "archive-"), (False, "alliance-hub-my-data-")])
def test_the_archive_is_named_without_the_hub_in_discreet_mode(member_client, member, discreet, prefix):
    member.discreet_mode = discreet
    member.save(update_fields=["discreet_mode"])
    client = reauthenticated(member_client)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(URL)
    link = re.findall(r'href="(/accounts/export/[0-9a-f]{32}/)"', client.get(URL).text)[0]
    assert f'filename="{prefix}' in client.get(link)["Content-Disposition"]
