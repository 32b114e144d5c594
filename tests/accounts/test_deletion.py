"""Members' right to leave: /accounts/delete/ deletes the account and, as the member chooses,
erases or anonymises what they wrote, without breaking anything others read."""

import pytest
from allauth.usersessions.models import UserSession
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from accounts import deletion
from accounts.models import Invitation, Role, Status, User
from accounts.services import invitation_accept, invitation_create
from chat import services as chat_services
from chat.models import Message
from forum import services as forum_services
from forum.models import Post, PostRevision, Thread
from moderation.models import AuditEntry
from resources.models import Resource
from search.models import Document
from tests.chat.factories import open_room, private_room, send
from tests.factories import TEST_PASSWORD, UserFactory
from tests.forum.factories import reply, thread
from tests.resources.factories import make_resource

pytestmark = pytest.mark.django_db

URL = "/accounts/delete/"
FORMER = "Former member"
# Content keeps a blank name snapshot; pages label it in the reader's language.
ERASED_NAME = ""


def _reauthenticate(client):
    response = client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
    assert response.status_code == 302


def _delete(client, content="anonymise"):
    _reauthenticate(client)
    return client.post(URL, {"content": content, "confirm": "on"})


@pytest.fixture
def written(member, other_member, expert):
    """The member's thread with a colleague's reply, a reply in a colleague's thread, a chat
    message, and a resource (published or draft) of an expert who then leaves."""
    own = thread(member, title="Referral paths", body="My opening words")
    forum_services.post_edit(editor=member, post=own.posts.get(position=1), body="My edited words")
    colleague_reply = reply(own, other_member, body="A colleague's answer")
    others = thread(other_member, title="Hotlines", body="Colleague's opening")
    own_reply = reply(others, member, body="My reply words")
    forum_services.reaction_toggle(user=member, post=colleague_reply, kind="thanks")
    message = send(member, open_room(), body="My chat words")
    return {"thread": own, "others": others, "reply": own_reply, "colleague_reply": colleague_reply, "message": message}


# Access ---------------------------------------------------------------------------------


def test_the_page_asks_for_the_password_first(member_client):
    response = member_client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")


def test_deleting_without_recent_reauthentication_deletes_nothing(member_client, member):
    response = member_client.post(URL, {"content": "erase", "confirm": "on"})
    assert response.status_code == 302
    assert User.objects.filter(pk=member.pk).exists()


def test_after_reauthentication_the_page_explains_the_choice(member_client):
    _reauthenticate(member_client)
    response = member_client.get(URL)
    assert response.status_code == 200
    assert b"Former member" in response.content


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_suspended_members_cannot_delete_through_the_page(client):
    suspended = UserFactory(role=Role.MEMBER, status=Status.SUSPENDED)
    client.force_login(suspended)
    response = client.post(URL, {"content": "erase", "confirm": "on"})
    assert response["Location"] == "/accounts/status/"
    assert User.objects.filter(pk=suspended.pk).exists()


def test_the_service_refuses_inactive_accounts():
    suspended = UserFactory(role=Role.MEMBER, status=Status.SUSPENDED)
    with pytest.raises(PermissionDenied):
        deletion.account_delete(member=suspended, content="erase")


def test_the_service_refuses_an_unknown_choice(member):
    with pytest.raises(ValidationError):
        deletion.account_delete(member=member, content="hostile<script>")


def test_the_confirmation_is_required(member_client, member):
    _reauthenticate(member_client)
    response = member_client.post(URL, {"content": "erase"})
    assert response.status_code == 200
    assert User.objects.filter(pk=member.pk).exists()


# The account ------------------------------------------------------------------------------


def test_the_account_is_deleted_and_the_member_logged_out(member_client, member):
    response = _delete(member_client)
    assert response.status_code == 200
    assert not User.objects.filter(pk=member.pk).exists()
    assert member_client.get("/").status_code == 302


def test_every_session_of_the_member_ends(member, settings):
    phone, laptop = Client(), Client()
    phone.login(email=member.email, password=TEST_PASSWORD)
    laptop.login(email=member.email, password=TEST_PASSWORD)
    _delete(laptop)
    assert not UserSession.objects.filter(user_id=member.pk).exists()
    response = phone.get("/forum/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_open_websockets_are_told_access_is_revoked(member, django_capture_on_commit_callbacks, monkeypatch):
    sent = []
    monkeypatch.setattr("core.realtime._send", lambda user_id, message: sent.append((user_id, message)))
    with django_capture_on_commit_callbacks(execute=True):
        deletion.account_delete(member=member, content="anonymise")
    assert (member.pk, {"type": "access.revoked"}) in sent


def test_the_deletion_is_audited_without_an_actor(member):
    name = member.display_name
    deletion.account_delete(member=member, content="erase")
    entry = AuditEntry.objects.get(action="member.delete_self")
    assert entry.actor is None
    assert entry.target_repr == name
    assert entry.data["content"] == "erase"


# Keep anonymised ---------------------------------------------------------------------------


def test_anonymised_posts_keep_their_text_under_former_member(member, written):
    deletion.account_delete(member=member, content="anonymise")
    post = Post.objects.get(pk=written["reply"].pk)
    assert (post.author_id, post.author_name, post.body) == (None, ERASED_NAME, "My reply words")
    assert Thread.objects.get(pk=written["thread"].pk).author_name == ERASED_NAME


def test_a_russian_reader_sees_former_member_in_russian(member, other_member, client, written):
    deletion.account_delete(member=member, content="anonymise")
    other_member.ui_language = "ru"
    other_member.save(update_fields=["ui_language"])
    client.force_login(other_member)
    page = client.get(written["thread"].get_absolute_url(), follow=True, headers={"accept-language": "ru"})
    assert "Бывший участник" in page.content.decode()
    assert FORMER not in page.content.decode()


def test_anonymised_chat_messages_keep_their_text_under_former_member(member, written):
    deletion.account_delete(member=member, content="anonymise")
    message = Message.objects.get(pk=written["message"].pk)
    assert (message.sender_id, message.sender_name, message.body) == (None, ERASED_NAME, "My chat words")


def test_the_pages_others_read_still_work_after_an_anonymised_deletion(member, other_member, client, written):
    deletion.account_delete(member=member, content="anonymise")
    client.force_login(other_member)
    page = client.get(written["thread"].get_absolute_url(), follow=True)
    assert page.status_code == 200
    assert FORMER.encode() in page.content and b"My edited words" in page.content
    room = client.get(open_room().get_absolute_url())
    assert room.status_code == 200 and b"My chat words" in room.content
    found = client.get("/search/", {"q": "reply words"}, follow=True)
    assert found.status_code == 200 and b"Hotlines" in found.content
    assert client.get("/notifications/").status_code == 200


# Erase -------------------------------------------------------------------------------------


def test_erased_posts_become_placeholders_in_threads_that_stay_intact(member, written):
    deletion.account_delete(member=member, content="erase")
    post = Post.objects.get(pk=written["reply"].pk)
    assert (post.is_deleted, post.body, post.author_id, post.author_name) == (True, "", None, ERASED_NAME)
    assert Post.objects.filter(thread=written["thread"]).count() == 2
    assert Post.objects.get(pk=written["colleague_reply"].pk).body == "A colleague's answer"


def test_erased_posts_lose_their_edit_history(member, written):
    deletion.account_delete(member=member, content="erase")
    assert not PostRevision.objects.filter(post__thread=written["thread"], post__position=1).exists()


def test_erased_chat_messages_become_placeholders(member, written):
    deletion.account_delete(member=member, content="erase")
    message = Message.objects.get(pk=written["message"].pk)
    assert message.is_deleted and message.body == "" and message.sender_name == ERASED_NAME


def test_erased_text_leaves_the_search_index(member, written):
    deletion.account_delete(member=member, content="erase")
    bodies = Document.objects.filter(kind__in=["post", "message"]).values_list("body", flat=True)
    assert not any("My reply words" in body or "My chat words" in body for body in bodies)


def test_the_reaction_counts_follow_the_deleted_reactions(member, written):
    deletion.account_delete(member=member, content="erase")
    assert Post.objects.get(pk=written["colleague_reply"].pk).reaction_counts == {}


def test_the_pages_others_read_still_work_after_an_erasing_deletion(member, other_member, client, written):
    deletion.account_delete(member=member, content="erase")
    client.force_login(other_member)
    page = client.get(written["others"].get_absolute_url(), follow=True)
    assert page.status_code == 200
    assert b"This post was deleted." in page.content and b"My reply words" not in page.content
    own_page = client.get(written["thread"].get_absolute_url(), follow=True)
    assert own_page.status_code == 200 and b"A colleague" in own_page.content
    room = client.get(open_room().get_absolute_url())
    assert room.status_code == 200 and b"My chat words" not in room.content
    assert client.get("/search/", {"q": "reply words"}, follow=True).status_code == 200
    assert client.get("/forum/").status_code == 200


# Resources -----------------------------------------------------------------------------------


def test_published_resources_stay_credited_to_a_former_member(expert, other_member, client):
    resource = make_resource(author=expert, title="Toolkit that stays")
    assert resource.state == "published"
    deletion.account_delete(member=expert, content="erase")
    resource.refresh_from_db()
    assert (resource.uploader_id, resource.uploader_name) == (None, ERASED_NAME)
    client.force_login(other_member)
    page = client.get(resource.get_absolute_url())
    assert page.status_code == 200 and FORMER.encode() in page.content
    assert client.get("/resources/").status_code == 200


def test_unpublished_drafts_are_deleted_with_their_files(member, django_capture_on_commit_callbacks):
    from django.core.files.storage import default_storage

    draft = make_resource(author=member, title="Unfinished draft")
    assert draft.state != "published"
    stored = draft.files.get().versions.get().content.name
    with django_capture_on_commit_callbacks(execute=True):
        deletion.account_delete(member=member, content="anonymise")
    assert not Resource.objects.filter(pk=draft.pk).exists()
    assert not default_storage.exists(stored)
    assert not Document.objects.filter(kind="resource", object_id=draft.pk).exists()


# Rooms and invitations -----------------------------------------------------------------------


def test_a_private_room_outlives_its_owner(member, other_member, client):
    room = private_room(owner=member, members=[other_member], name="Night shift")
    send(member, room, body="Owner's words")
    deletion.account_delete(member=member, content="anonymise")
    client.force_login(other_member)
    page = client.get(room.get_absolute_url())
    assert page.status_code == 200 and FORMER.encode() in page.content


def test_a_direct_conversation_stays_readable_for_the_other_person(member, other_member, client):
    direct = chat_services.direct_start(sender=member, recipients=[other_member])
    send(member, direct, body="Words to erase")
    send(other_member, direct, body="The colleague's own words")
    deletion.account_delete(member=member, content="erase")
    client.force_login(other_member)
    page = client.get(direct.get_absolute_url())
    assert page.status_code == 200
    assert b"own words" in page.content and b"Words to erase" not in page.content
    assert member.display_name.encode() not in page.content


def test_the_invitation_that_brought_the_member_is_deleted_with_its_email(admin_user):
    invitation, _token = invitation_create(actor=admin_user, email="newcomer@example.org")
    newcomer = invitation_accept(
        invitation=invitation, user=UserFactory(email="newcomer@example.org", role=Role.APPLICANT)
    )
    deletion.account_delete(member=newcomer, content="anonymise")
    assert not Invitation.objects.filter(email="newcomer@example.org").exists()
