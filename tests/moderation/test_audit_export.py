"""The audit log as CSV: admins only, filtered like the page, safe to open in a spreadsheet."""

import csv
import io

import pytest

from moderation.services import audit_record
from moderation.views import csv_safe
from tests.factories import UserFactory
from tests.helpers import mark_reauthenticated, mark_second_factor, reauthenticated, with_second_factor

pytestmark = pytest.mark.django_db


def _rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_an_admin_downloads_the_audit_log_as_csv(client, admin_user, member):
    audit_record(actor=admin_user, action="member.suspend", target=member, reason="Abuse")
    reauthenticated(client, admin_user)
    response = client.get("/moderation/audit/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    header, *rows = _rows(response)
    assert header[:3] == ["when", "actor", "action"]
    assert [(row[2], row[3], row[7]) for row in rows] == [("member.suspend", str(member.pk), "Abuse")]


def test_the_export_respects_the_filters(client, admin_user, member):
    audit_record(actor=admin_user, action="member.suspend", target=member, reason="One")
    audit_record(actor=admin_user, action="forum.post_hide", target=member, reason="Two")
    reauthenticated(client, admin_user)
    rows = _rows(client.get("/moderation/audit/export.csv?action=forum."))[1:]
    assert [row[2] for row in rows] == ["forum.post_hide"]


def test_cells_that_a_spreadsheet_would_run_are_neutralised(client, admin_user):
    hostile = UserFactory(display_name='=HYPERLINK("http://evil")')
    audit_record(actor=admin_user, action="member.suspend", target=hostile, reason="+cmd|' /C calc'!A0")
    reauthenticated(client, admin_user)
    row = _rows(client.get("/moderation/audit/export.csv"))[1]
    assert row[6].startswith("'=") and row[7].startswith("'+")


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_safe_prefixes_formula_starters(value):
    assert csv_safe(value) == "'" + value


def test_csv_safe_leaves_ordinary_text_alone():
    assert csv_safe("Abuse in chat") == "Abuse in chat" and csv_safe(None) == ""


def test_a_moderator_cannot_export_the_audit_log(moderator_client):
    assert moderator_client.get("/moderation/audit/export.csv").status_code == 403


def test_members_cannot_export_the_audit_log(member_client):
    assert member_client.get("/moderation/audit/export.csv").status_code == 403


def test_the_export_link_is_shown_to_admins_only(client, admin_user, moderator_client):
    assert "export.csv" not in moderator_client.get("/moderation/audit/").text
    reauthenticated(client, admin_user)
    assert "export.csv" in client.get("/moderation/audit/").text


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_the_export_streams_in_chunks_under_asgi(async_client, admin_user):
    from asgiref.sync import sync_to_async

    await sync_to_async(audit_record)(actor=admin_user, action="member.suspend", target=admin_user, reason="One")
    await async_client.aforce_login(admin_user)
    session = await async_client.asession()
    mark_second_factor(session, admin_user.pk)
    mark_reauthenticated(session, admin_user.pk)
    await session.asave()
    response = await async_client.get("/moderation/audit/export.csv")
    assert response.is_async
    body = b"".join([chunk async for chunk in response.streaming_content]).decode()
    assert "member.suspend" in body


def test_the_download_asks_an_admin_for_the_password_first(client, admin_user):
    with_second_factor(admin_user, client)
    response = client.get("/moderation/audit/export.csv")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/reauthenticate/")
