"""The home page: what changed for the member since their last visit."""

import datetime

import pytest
from django.utils import timezone

from chat.models import Room
from forum import services
from forum.models import Thread
from resources.models import Resource
from taxonomy.models import Theme
from tests.chat import factories as chat_factories
from tests.factories import UserFactory
from tests.forum import factories
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def test_home_shows_a_new_reply_in_a_thread_the_member_read(member_client, member, other_member):
    thread = factories.thread(member, title="Shelter standards")
    factories.reply(thread, other_member)
    text = member_client.get("/").text
    assert "Shelter standards" in text and "1 new post" in text
    assert "replied in “Shelter standards”" in text


def test_home_shows_threads_started_since_the_last_visit(member_client, member, other_member):
    member_client.get("/")
    member_client.logout()
    member_client.force_login(member)
    factories.thread(other_member, title="Started while you were away")
    assert "Started while you were away" in member_client.get("/").text


def test_what_was_new_stays_on_the_home_page_for_the_whole_visit(member_client, other_member):
    factories.thread(other_member, title="Still new on reload")
    member_client.get("/")
    assert "Still new on reload" in member_client.get("/").text


def test_threads_older_than_the_last_visit_are_not_new(member_client, member, other_member):
    thread = factories.thread(other_member, title="Before the last visit")
    member.last_visit_at = timezone.now()
    member.save(update_fields=["last_visit_at"])
    Thread.objects.filter(pk=thread.pk).update(created_at=timezone.now() - datetime.timedelta(hours=1))
    assert "Before the last visit" not in member_client.get("/").text


def test_home_never_shows_a_thread_from_a_category_the_member_cannot_see(member_client, moderator):
    hidden = factories.restricted_category()
    services.thread_create(author=moderator, category=hidden, title="Partners only", body="x")
    assert "Partners only" not in member_client.get("/").text


def test_home_shows_rooms_of_the_member_with_unread_messages(member_client, member, other_member):
    room = chat_factories.private_room(owner=other_member, members=[member], name="Coordinators")
    chat_factories.send(other_member, room, body="Are you there?")
    text = member_client.get("/").text
    assert "Coordinators" in text and "1 unread" in text


def test_home_leaves_out_open_rooms_the_member_never_joined(member_client, other_member):
    chat_factories.send(other_member, chat_factories.open_room(), body="Hello")
    assert Room.objects.get(slug="regional-exchange").display_name not in member_client.get("/").text


def test_home_shows_new_resources_on_the_members_themes(member_client, member):
    theme = Theme.objects.first()
    member.expertise.add(theme)
    mine = ResourceFactory(title="A toolkit on my theme")
    mine.themes.add(theme)
    ResourceFactory(title="A toolkit on another theme")
    ResourceFactory(title="A draft on my theme", state="draft", published_at=None).themes.add(theme)
    text = member_client.get("/").text
    assert "A toolkit on my theme" in text
    assert "another theme" not in text and "A draft on my theme" not in text


def test_home_says_so_calmly_when_nothing_changed(member_client):
    assert "Nothing new since your last visit." in member_client.get("/").text


def test_moderators_see_what_waits_for_them(moderator_client):
    assert "Waiting for moderators" in moderator_client.get("/").text


@pytest.mark.parametrize("size", [2, 12])
def test_home_costs_a_constant_number_of_queries(member_client, member, other_member, django_assert_num_queries, size):
    theme = Theme.objects.first()
    member.expertise.add(theme)
    # One message per sender: chat's rate limit stops one person sending a dozen at once.
    senders = [UserFactory() for _ in range(size)]
    room = chat_factories.private_room(owner=other_member, members=[member, *senders])
    for i, sender in enumerate(senders):
        factories.reply(factories.thread(member, title=f"Mine {i}"), other_member)
        factories.thread(other_member, title=f"Theirs {i}")
        ResourceFactory(title=f"Resource {i}").themes.add(theme)
        chat_factories.send(sender, room, body=f"Message {i}")
    assert Resource.objects.count() >= size
    member_client.get("/")  # the session's first request records the session and the visit
    # A fixed number per section (each list is capped), whatever the amount of data.
    # (Translation requests waiting in the member's languages add one.)
    with django_assert_num_queries(10):
        assert member_client.get("/").status_code == 200
