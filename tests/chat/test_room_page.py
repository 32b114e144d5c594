"""The room page: where it opens, links to a message, compact messages, and the fragment the
live frames carry (rendered by the same template as the page)."""

import json
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from chat import rendering, services
from chat.models import Message, RoomMember
from tests.helpers import with_second_factor

from .factories import open_room, send

pytestmark = pytest.mark.django_db


def _meta(html: str, seq: int) -> str:
    """The name, time and labels line of one message, as rendered."""
    item = re.search(rf'<li class="chat-message[^"]*" id="m-{seq}".*?</li>', html, re.S).group(0)
    return re.search(r'<p class="chat-message__meta">.*?</p>', item, re.S).group(0)


def test_a_member_with_unread_messages_sees_a_new_messages_divider_before_the_first(
    member_client, member, other_member
):
    room = open_room()
    for index in range(10):
        send(other_member, room, f"news {index}")
    RoomMember.objects.update_or_create(room=room, user=member, defaults={"last_read_seq": 3})
    page = member_client.get(room.get_absolute_url()).content.decode()
    assert page.index('id="chat-new-messages"') < page.index('id="m-4"')
    assert page.index('id="m-3"') < page.index('id="chat-new-messages"')
    assert RoomMember.objects.get(room=room, user=member).last_read_seq == 10


def test_a_member_who_has_read_everything_sees_no_divider(member_client, member, other_member):
    room = open_room()
    send(other_member, room, "old news")
    RoomMember.objects.update_or_create(room=room, user=member, defaults={"last_read_seq": 1})
    assert 'id="chat-new-messages"' not in member_client.get(room.get_absolute_url()).content.decode()


def test_many_unread_messages_open_at_the_first_of_them(member_client, member, other_member, settings):
    settings.CHAT_RATE_BURST = 1000
    room = open_room()
    for index in range(120):
        send(other_member, room, f"update {index}")
    RoomMember.objects.update_or_create(room=room, user=member, defaults={"last_read_seq": 30})
    page = member_client.get(room.get_absolute_url()).content.decode()
    assert page.index('id="chat-new-messages"') < page.index('id="m-31"')


def test_a_link_to_a_message_opens_the_room_at_that_message(member_client, member, settings):
    settings.CHAT_RATE_BURST = 1000
    room = open_room()
    messages = [send(member, room, f"line {index}") for index in range(80)]
    target = messages[5]
    response = member_client.get(room.get_absolute_url(), {"m": target.pk})
    page = response.content.decode()
    assert 'chat-message--target" id="m-6"' in page
    assert "Back to the latest messages" in page
    assert response.context["at"] == 6


def test_a_link_to_a_message_of_another_room_is_ignored(member_client, member):
    assert member_client.get(open_room().get_absolute_url(), {"m": "999999"}).context["target"] is None


def test_reactions_show_only_when_someone_reacted(member_client, member, other_member):
    room = open_room()
    quiet = send(other_member, room, "nobody reacted")
    liked = send(other_member, room, "someone reacted")
    services.reaction_toggle(user=member, message=liked, emoji="👍")
    page = member_client.get(room.get_absolute_url()).content.decode()
    quiet_item = re.search(rf'id="m-{quiet.seq}".*?</li>', page, re.S).group(0)
    liked_item = re.search(rf'id="m-{liked.seq}".*?</li>', page, re.S).group(0)
    assert 'class="chat-reactions"' not in quiet_item
    assert 'class="chat-reactions"' in liked_item and 'aria-pressed="true"' in liked_item
    assert 'role="toolbar"' in quiet_item


def test_consecutive_messages_of_one_person_share_a_name_and_time(member_client, member, other_member):
    room = open_room()
    send(member, room, "first")
    send(member, room, "second")
    send(other_member, room, "third")
    page = member_client.get(room.get_absolute_url()).content.decode()
    classes = {int(seq): value for value, seq in re.findall(r'<li class="([^"]*)" id="m-(\d+)"', page)}
    assert "chat-message--continued" not in classes[1]
    assert "chat-message--continued" in classes[2]
    assert "chat-message--continued" not in classes[3]


def test_the_room_starts_with_a_link_that_skips_to_the_message_box(member_client):
    page = member_client.get(open_room().get_absolute_url()).content.decode()
    room_start = page.index('id="chat-room"')
    assert page.index('class="chat-skip" href="#id_body"') < page.index("<h1", room_start)


def test_the_fragment_reads_exactly_like_the_page(member_client, member, other_member):
    room = open_room()
    first = send(other_member, room, "Are you coming?")
    reply = send(member, room, "Yes", reply_to_id=first.pk)
    reply = Message.objects.select_related("reply_to").get(pk=reply.pk)
    fragment = rendering.message_fragment(reply, language="en")
    page = member_client.get(room.get_absolute_url()).content.decode()
    assert _meta(fragment, reply.seq) == _meta(page, reply.seq)
    assert f"In reply to <bdi>{other_member.display_name}</bdi>" in fragment
    assert re.search(r'datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0500"', fragment)


def test_the_fragment_has_no_moderator_controls_and_hides_own_message_controls(client, moderator, member, other_member):
    room = open_room()
    message = send(other_member, room, "a plain message")
    fragment = rendering.message_fragment(message, language="en")
    assert "Mute for" not in fragment
    assert re.search(r'class="chat-toolbar__edit" data-own-only hidden', fragment)
    assert re.search(r'class="chat-toolbar__delete" data-own-only hidden', fragment)
    assert f'data-author-id="{other_member.pk}"' in fragment
    assert "csrfmiddlewaretoken" not in fragment
    # The page, rendered per viewer, still gives a moderator their controls.
    with_second_factor(moderator, client)
    assert "Mute for" in client.get(room.get_absolute_url()).content.decode()


def test_a_broadcast_carries_the_senders_language_and_the_default_and_any_other_renders_on_demand(member):
    message = send(member, open_room(), "Salam")
    with translation.override("ru"):
        reply_ru = translation.gettext("Reply")
        frames = rendering.message_frames(message, kind="message")
    assert set(frames["fragments"]) == {"ru", "en"}
    assert f">{reply_ru}<" in json.loads(frames["fragments"]["ru"]) and reply_ru != "Reply"
    assert ">Reply<" in json.loads(frames["fragments"]["en"])
    for language, _name in settings.LANGUAGES:
        on_demand = json.loads(rendering.encoded_fragment(message.pk, language))
        assert on_demand == rendering.message_fragment(message, language=language)
    assert rendering.encoded_fragment(message.pk + 1000, "kk") is None  # a message gone: the default is sent


def test_a_room_page_link_to_a_message_is_what_the_copy_link_control_holds(member_client, member):
    message = send(member, open_room(), "keep this")
    page = member_client.get(open_room().get_absolute_url()).content.decode()
    assert f'href="{reverse("chat:message", args=[message.pk])}" class="chat-toolbar__link" data-copy-link' in page
