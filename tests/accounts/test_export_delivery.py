"""The data archive is built by a background task into a private file, downloaded by its
owner alone from a link on the data-rights page, expires, and is rate limited."""

import re
import uuid

import pytest
from django.core.files.storage import default_storage
from django.test import Client

from accounts import export_delivery
from tests.helpers import reauthenticated

pytestmark = pytest.mark.django_db

URL = "/accounts/export/"
LINK = re.compile(r'href="(/accounts/export/[0-9a-f]{32}/)"')


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.RATE_LIMIT_KEY_PREFIX = f"rl-{uuid.uuid4().hex}"
    settings.RATE_LIMITS = {"export": (2, 24 * 60 * 60)}


def _ask(client, capture):
    with capture(execute=False) as callbacks:
        response = reauthenticated(client).post(URL)
    assert response.status_code == 302
    return callbacks


def test_the_request_only_asks_and_the_task_builds_the_archive(
    member_client, member, django_capture_on_commit_callbacks
):
    callbacks = _ask(member_client, django_capture_on_commit_callbacks)
    # Nothing is built during the request: the page says the archive is being prepared.
    page = member_client.get(URL).text
    assert "being prepared" in page and not LINK.search(page)
    assert [item.ready for item in export_delivery.data_exports_for(member)] == [False]

    for callback in callbacks:  # the enqueued task runs (at once with the immediate backend)
        callback()

    page = member_client.get(URL).text
    assert "being prepared" not in page
    assert LINK.search(page)


def test_only_the_owner_can_download_the_archive(
    member_client, member, other_member, django_capture_on_commit_callbacks
):
    for callback in _ask(member_client, django_capture_on_commit_callbacks):
        callback()
    link = LINK.search(member_client.get(URL).text).group(1)
    assert reauthenticated(member_client).get(link).status_code == 200

    stranger = reauthenticated(Client(), other_member)
    assert stranger.get(link).status_code == 404
    assert stranger.get("/accounts/export/../../etc/passwd/").status_code == 404


def test_an_archive_expires_and_its_file_is_deleted(
    member_client, member, settings, django_capture_on_commit_callbacks
):
    for callback in _ask(member_client, django_capture_on_commit_callbacks):
        callback()
    link = LINK.search(member_client.get(URL).text).group(1)
    token = link.rstrip("/").rsplit("/", 1)[1]

    settings.DATA_EXPORT_HOURS = 0
    assert reauthenticated(member_client).get(link).status_code == 404
    assert not default_storage.exists(f"exports/{member.pk}/{token}.zip")


def test_asking_for_archives_is_rate_limited(member_client, member, django_capture_on_commit_callbacks):
    _ask(member_client, django_capture_on_commit_callbacks)
    _ask(member_client, django_capture_on_commit_callbacks)
    callbacks = _ask(member_client, django_capture_on_commit_callbacks)
    assert callbacks == []
    assert len(export_delivery.data_exports_for(member)) == 2
    assert "Please wait" in member_client.get(URL).text


def test_deleting_the_account_deletes_its_archives(member_client, member, django_capture_on_commit_callbacks):
    from accounts import deletion

    for callback in _ask(member_client, django_capture_on_commit_callbacks):
        callback()
    assert export_delivery.data_exports_for(member)
    member_id = member.pk
    with django_capture_on_commit_callbacks(execute=True):
        deletion.account_delete(member=member, content="anonymise")
    assert default_storage.listdir(f"exports/{member_id}")[1] == []
