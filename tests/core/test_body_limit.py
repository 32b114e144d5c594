import asyncio

import pytest
from django.utils import translation

from core import body_limit
from core.body_limit import BodySizeLimitASGI
from forum.models import Post
from tests.forum import factories

pytestmark = pytest.mark.django_db

PIECE = 4096


@pytest.fixture(autouse=True)
def _small_pieces(settings):
    settings.UPLOAD_CHUNK_BYTES = PIECE


def test_an_edit_larger_than_an_upload_piece_is_refused_with_a_translated_413(member_client, member):
    # The reply and new-thread forms take a file (limit_uploads); editing a post does not.
    thread = factories.thread(member, body="Before")
    opening = Post.objects.get(thread=thread)
    with translation.override("en"):
        response = member_client.post(f"/forum/p/{opening.pk}/edit/", {"body": "x" * (PIECE + 1)})
    assert response.status_code == 413
    assert "larger than this page accepts" in response.text
    assert Post.objects.get(pk=opening.pk).body == "Before"


def test_a_reply_within_the_limit_goes_through(member_client, member):
    thread = factories.thread(member)
    response = member_client.post(f"/forum/threads/{thread.pk}/reply/", {"body": "Thank you, this helps."})
    assert response.status_code == 302


def test_the_login_page_refuses_a_large_body_before_anyone_is_logged_in(client):
    response = client.post("/accounts/login/", {"login": "a@example.org", "password": "p" * (2 * PIECE)})
    assert response.status_code == 413


def test_the_library_upload_form_still_takes_files_larger_than_a_piece(member_client):
    response = member_client.post("/resources/new/", {"title": "x" * (PIECE + 1)})
    assert response.status_code != 413


def _run_asgi(path: str, length: int):
    received = []

    async def inner(scope, receive, send):
        received.append(await receive())

    body = [{"type": "http.request", "body": b"y" * length, "more_body": False}]

    async def receive():
        return body.pop(0)

    scope = {"type": "http", "path": path, "headers": [(b"content-length", str(length).encode())]}
    asyncio.run(BodySizeLimitASGI(inner)(scope, receive, None))
    return received[0]["body"]


def test_over_asgi_an_oversized_body_is_never_read_outside_the_upload_views():
    assert _run_asgi("/forum/p/1/edit/", PIECE + 1) == b""


def test_over_asgi_bodies_within_the_limit_and_uploads_are_passed_on():
    assert len(_run_asgi("/forum/threads/1/reply/", PIECE)) == PIECE
    assert len(_run_asgi("/resources/new/", PIECE * 3)) == PIECE * 3


def _run_chunked(path: str, pieces: list[bytes]):
    seen = {}

    async def inner(scope, receive, send):
        seen["flag"] = scope.get(body_limit.SCOPE_FLAG, False)
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        seen["body"] = body

    messages = [
        {"type": "http.request", "body": piece, "more_body": index < len(pieces) - 1}
        for index, piece in enumerate(pieces)
    ]

    async def receive():
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    scope = {"type": "http", "path": path, "headers": [(b"transfer-encoding", b"chunked")]}
    asyncio.run(BodySizeLimitASGI(inner)(scope, receive, None))
    return seen


def test_a_chunked_body_is_read_only_up_to_the_limit_and_then_refused():
    seen = _run_chunked("/forum/p/1/edit/", [b"y" * 1000] * 10)
    assert seen == {"flag": True, "body": b""}


def test_a_small_chunked_body_reaches_django_whole():
    seen = _run_chunked("/forum/threads/1/reply/", [b"y" * 1000] * 3)
    assert seen == {"flag": False, "body": b"y" * 3000}


def test_a_reply_form_that_takes_a_file_still_refuses_a_huge_text_field(member_client, member, settings):
    thread = factories.thread(member)
    too_much = settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1
    response = member_client.post(f"/forum/threads/{thread.pk}/reply/", {"body": "x" * too_much})
    assert response.status_code == 400
    assert Post.objects.filter(thread=thread).count() == 1
