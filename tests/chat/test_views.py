import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chat import services
from chat.models import Message, Room, RoomMember
from moderation.models import Report
from tests.factories import UserFactory
from tests.helpers import with_second_factor

from .factories import open_room, private_room, send

pytestmark = pytest.mark.django_db


def test_the_room_list_shows_unread_counts(member_client, member, other_member):
    room = open_room()
    send(other_member, room, "one")
    send(other_member, room, "two")
    response = member_client.get("/chat/")
    assert "2 unread" in response.content.decode()
    member_client.get(room.get_absolute_url())
    # The room list (below the header, whose notification bell has its own "unread").
    room_list = member_client.get("/chat/").content.decode().split("<main", 1)[1]
    assert "unread" not in room_list


def test_the_room_list_hides_other_countries_private_rooms_and_direct_conversations(member_client, other_member):
    private_room(name="Secret planning")
    services.direct_start(sender=other_member, recipients=[UserFactory()])
    page = member_client.get("/chat/").content.decode()
    assert "Regional exchange" in page and "Kazakhstan" in page
    assert "Uzbekistan" not in page and "Secret planning" not in page


def _queries(client, url) -> tuple[int, int]:
    """(all queries, queries on chat tables) for one request; a warm-up request first, so
    session bookkeeping done once per login is not counted."""
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    chat = [q for q in context.captured_queries if '"chat_' in q["sql"]]
    return len(context.captured_queries), len(chat)


def test_the_room_list_uses_a_constant_number_of_queries(member_client, member, django_assert_num_queries):
    private_room(owner=member, name="Room 0")
    total, chat = _queries(member_client, "/chat/")
    assert chat == 1  # rooms with their unread counts, in one query
    for index in range(1, 30):
        private_room(owner=member, name=f"Room {index}")
    with django_assert_num_queries(total):
        member_client.get("/chat/")


def test_the_room_page_shows_history_without_javascript(member_client, other_member):
    room = open_room()
    send(other_member, room, "We opened a **hotline**")
    page = member_client.get(room.get_absolute_url()).content.decode()
    assert "<strong>hotline</strong>" in page
    assert reverse("chat:send", args=[room.pk]) in page
    assert "identify a survivor" in page


def test_a_room_can_be_opened_by_id(member_client):
    assert member_client.get(f"/chat/{open_room().pk}/").status_code == 200


def _fill(room, member, other_member, count):
    for index in range(count):
        message = send(other_member if index % 2 else member, room, f"message {index}")
        services.reaction_toggle(user=member, message=message, emoji="👍")
    send(member, room, "a reply", reply_to_id=message.pk)


def test_the_room_page_uses_a_constant_number_of_queries(
    member_client, member, other_member, django_assert_num_queries
):
    room = open_room()
    _fill(room, member, other_member, 3)
    total, chat = _queries(member_client, room.get_absolute_url())
    # room, read marker, messages with replies, reactions, read-marker update
    assert chat == 6
    _fill(room, member, other_member, 30)
    with django_assert_num_queries(total):
        member_client.get(room.get_absolute_url())


def test_older_history_is_paged_by_keyset(member_client, member):
    room = open_room()
    for index in range(55):
        send(member, room, f"note number {index}")
    latest = member_client.get(room.get_absolute_url())
    page = latest.content.decode()
    assert "note number 54" in page and "note number 4<" not in page
    older = member_client.get(room.get_absolute_url(), {"after": latest.context["page"].next_cursor})
    assert "note number 4<" in older.content.decode()


def test_sending_through_the_plain_form_stores_the_message(member_client):
    room = open_room()
    response = member_client.post(reverse("chat:send", args=[room.slug]), {"body": "Hello without JS"})
    assert response.status_code == 302
    assert Message.objects.get().body == "Hello without JS"


def test_a_refused_message_keeps_the_members_text(member_client, member, moderator):
    room = open_room()
    services.member_mute(actor=moderator, room=room, member=member, minutes=5)
    response = member_client.post(reverse("chat:send", args=[room.slug]), {"body": "my careful words"})
    # The composer is replaced by a notice for a muted member; the refusal is still explained.
    assert response.status_code == 400
    assert not Message.objects.exists()


def test_a_too_long_message_is_explained_and_kept(member_client):
    room = open_room()
    body = "x" * 4001
    response = member_client.post(reverse("chat:send", args=[room.slug]), {"body": body})
    assert response.status_code == 400
    assert body in response.content.decode()


def test_a_private_room_is_not_found_for_outsiders(member_client):
    room = private_room()
    assert member_client.get(room.get_absolute_url()).status_code == 404


def test_a_moderator_sees_a_private_room_but_not_a_direct_conversation(moderator_client, member, other_member):
    assert moderator_client.get(private_room().get_absolute_url()).status_code == 200
    direct = services.direct_start(sender=member, recipients=[other_member])
    assert moderator_client.get(direct.get_absolute_url()).status_code == 404


def test_starting_a_direct_conversation_by_display_name(member_client, other_member):
    response = member_client.post(reverse("chat:direct_start"), {"display_names": other_member.display_name})
    room = Room.objects.get(kind=Room.Kind.DIRECT)
    assert response["Location"] == room.get_absolute_url()


def test_an_unknown_name_for_a_direct_conversation_is_explained(member_client):
    response = member_client.post(reverse("chat:direct_start"), {"display_names": "Nobody Here"})
    assert response.status_code == 400
    assert "No member is called" in response.content.decode()


def test_the_owner_adds_a_member_by_display_name(client, member, other_member):
    room = private_room(owner=member)
    client.force_login(member)
    client.post(reverse("chat:members", args=[room.slug]), {"display_name": other_member.display_name})
    assert RoomMember.objects.get(room=room, user=other_member).is_participant


def test_editing_through_the_fallback_form(member_client, member):
    message = send(member, open_room(), "first")
    member_client.post(reverse("chat:message_edit", args=[message.pk]), {"body": "second"})
    message.refresh_from_db()
    assert message.body == "second" and message.edited_at


def test_reporting_a_message_through_the_form(member_client, other_member):
    message = send(other_member, open_room())
    member_client.post(reverse("chat:message_report", args=[message.pk]), {"reason": "spam", "note": "ads"})
    assert Report.objects.get().note == "ads"


def test_a_moderator_mutes_from_the_room(moderator_client, member):
    room = open_room()
    moderator_client.post(reverse("chat:mute", args=[room.slug]), {"user": member.pk, "minutes": 60})
    assert RoomMember.objects.get(room=room, user=member).muted_until


def test_hostile_cursor_and_anchor_values_do_not_break_the_page(member_client):
    room = open_room()
    assert member_client.get(room.get_absolute_url(), {"after": "!!!<script>"}).status_code == 200
    assert member_client.get(room.get_absolute_url(), {"at": "abc", "reply": "x"}).status_code == 200


def test_the_message_link_opens_the_room_at_the_message(member_client, member):
    message = send(member, open_room())
    response = member_client.get(reverse("chat:message", args=[message.pk]))
    assert response["Location"] == message.get_room_url()


def test_the_chat_pages_are_translated_into_russian(member_client):
    member_client.cookies["django_language"] = "ru"
    page = member_client.get("/chat/", headers={"accept-language": "ru"}).content.decode()
    assert "Закрытые комнаты" in page and "Региональный обмен" in page


def test_a_moderator_turns_selected_messages_into_a_forum_thread(moderator_client, member):
    forum_services = pytest.importorskip("forum.services", reason="the forum app is not available")
    if not hasattr(forum_services, "thread_create"):
        pytest.skip("forum.services.thread_create does not exist yet")
    room = open_room()
    chosen = send(member, room, "Our referral card works in three languages")
    send(member, room, "unrelated small talk")
    response = moderator_client.post(
        reverse("chat:convert", args=[room.slug]), {"title": "Referral cards", "messages": [chosen.pk]}
    )
    assert response.status_code == 302
    thread_page = moderator_client.get(response["Location"]).content.decode()
    assert "referral card works" in thread_page and "unrelated" not in thread_page
    assert member.display_name in thread_page


def test_the_retention_command_reports_what_it_deleted(member):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("chat_retention", stdout=out)
    assert "Deleted 0 expired chat message(s)." in out.getvalue()


def test_the_member_list_of_a_private_room_uses_a_constant_number_of_queries(client, member, django_assert_num_queries):
    room = private_room(owner=member, members=[UserFactory() for _ in range(3)])
    client.force_login(member)
    url = reverse("chat:members", args=[room.slug])
    total, chat = _queries(client, url)
    assert chat == 2  # the room, its members with their accounts
    for _ in range(27):
        services.room_member_add(actor=member, room=room, member=UserFactory())
    with django_assert_num_queries(total):
        client.get(url)


def test_the_edit_and_report_pages_use_a_constant_number_of_queries(member_client, member, other_member):
    mine, theirs = send(member, open_room(), "mine"), send(other_member, open_room(), "theirs")
    _total, chat_edit = _queries(member_client, reverse("chat:message_edit", args=[mine.pk]))
    _total, chat_report = _queries(member_client, reverse("chat:message_report", args=[theirs.pk]))
    assert (chat_edit, chat_report) == (1, 1)  # the message with its room


def test_delete_and_mute_controls_appear_only_for_those_allowed(client, member, other_member, moderator):
    room = open_room()
    send(other_member, room, "someone else's words")
    client.force_login(member)
    member_page = client.get(room.get_absolute_url()).content.decode()
    assert ">Delete<" not in member_page and "Mute for" not in member_page and ">Report<" in member_page
    with_second_factor(moderator, client)
    moderator_page = client.get(room.get_absolute_url()).content.decode()
    assert ">Delete<" in moderator_page and "Mute for" in moderator_page


def test_a_moderator_follows_a_report_into_a_direct_conversation_and_deletes_the_message(
    moderator_client, member, other_member
):
    room = services.direct_start(sender=member, recipients=[other_member])
    message = send(member, room, "You will regret speaking up")
    report = services.message_report(reporter=other_member, message=message, reason="harassment")
    review = moderator_client.get(report.target_url, follow=True)
    assert review.redirect_chain[-1][0] == reverse("chat:message_review", args=[message.pk])
    assert "You will regret speaking up" in review.content.decode()
    moderator_client.post(reverse("chat:message_delete", args=[message.pk]), {"reason": "threat"})
    message.refresh_from_db()
    assert message.deleted_by_moderator
    assert Report.objects.get().state == Report.State.ACTIONED


def test_a_moderator_cannot_open_an_unreported_direct_message(moderator_client, member, other_member):
    message = send(member, services.direct_start(sender=member, recipients=[other_member]), "private")
    assert moderator_client.get(reverse("chat:message", args=[message.pk])).status_code == 404
    assert moderator_client.get(reverse("chat:message_review", args=[message.pk])).status_code == 404
    assert moderator_client.post(reverse("chat:message_delete", args=[message.pk])).status_code == 404
