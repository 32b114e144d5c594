"""Staff powers need the second factor in the session: until then a moderator or admin is a
member on every page, socket frame and search; staff keep their last second factor."""

import pytest
from allauth.mfa.models import Authenticator
from asgiref.sync import sync_to_async
from django.core.exceptions import PermissionDenied

from accounts import permissions
from accounts.models import Role, User
from accounts.services import member_second_factor_reset
from chat.models import Room
from forum import services as forum_services
from forum.models import Category, Thread
from moderation.models import AuditEntry
from resources.models import Resource
from tests.chat.factories import country_room
from tests.chat.ws import connect_ready
from tests.factories import UserFactory, has_totp
from tests.forum import factories as forum_factories
from tests.helpers import LIVE_DB, reauthenticated, with_second_factor
from tests.resources.factories import make_resource

pytestmark = pytest.mark.django_db


def _password_only(role=Role.MODERATOR):
    """Two-factor set up, but this login used the password alone."""
    return UserFactory(role=role, second_factor=False)


def _hidden_thread(title="Shelter capacity in Osh"):
    thread = forum_factories.thread(UserFactory(), title=title)
    forum_services.thread_hide(actor=UserFactory(role=Role.ADMIN), thread=thread, reason="identifies a survivor")
    return thread


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.ADMIN])
def test_staff_without_the_second_factor_have_exactly_a_members_powers(role):
    person = _password_only(role)
    assert not permissions.has_staff_powers(person)
    assert not permissions.is_moderator(person) and not permissions.can_moderate(person)
    assert not permissions.is_admin(person) and not permissions.can_use_admin_site(person)
    assert not permissions.can_publish_resources(person)
    assert permissions.can_participate(person) and not person.is_staff
    assert permissions.moderated_country_ids(person) == frozenset()


def test_staff_with_the_second_factor_in_the_session_have_their_powers():
    admin = with_second_factor(_password_only(Role.ADMIN))
    assert permissions.has_staff_powers(admin) and permissions.is_admin(admin) and admin.is_staff


def test_a_user_loaded_outside_a_request_has_a_members_powers(moderator):
    assert permissions.can_moderate(moderator)
    loaded = User.objects.get(pk=moderator.pk)  # a task, an email, a command
    assert not permissions.can_moderate(loaded)


def test_only_a_second_factor_record_of_this_user_counts():
    person = _password_only()
    session = {"account_authentication_methods_user": str(person.pk), "account_authentication_methods": []}
    session["account_authentication_methods"].append({"method": "password", "at": 1})
    assert not permissions.session_completed_second_factor(session, person)
    session["account_authentication_methods"].append({"method": "mfa", "at": 2, "type": "totp"})
    assert permissions.session_completed_second_factor(session, person)
    session["account_authentication_methods_user"] = str(person.pk + 1)
    assert not permissions.session_completed_second_factor(session, person)


def test_querysets_treat_staff_without_the_second_factor_as_members():
    person = _password_only()
    hidden = _hidden_thread()
    draft = make_resource(author=UserFactory(), submit=False)
    assert not Category.objects.visible_to(person).filter(access=Category.Access.MODERATORS).exists()
    assert not Thread.objects.visible_to(person).filter(pk=hidden.pk).exists()
    assert not Room.objects.visible_to(person).filter(kind=Room.Kind.COUNTRY).exclude(country=person.country).exists()
    assert not Resource.objects.visible_to(person).filter(pk=draft.pk).exists()
    staff = with_second_factor(person)
    assert Thread.objects.visible_to(staff).filter(pk=hidden.pk).exists()
    assert Resource.objects.visible_to(staff).filter(pk=draft.pk).exists()


def test_pages_treat_a_password_only_session_as_a_member(client):
    person = _password_only()
    hidden = _hidden_thread()
    client.force_login(person)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get("/forum/alliance-coordination/").status_code == 404
    response = client.get("/moderation/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/2fa/reauthenticate/")


def test_the_same_person_gets_their_powers_once_the_session_used_the_code(client):
    person = _password_only()
    hidden = _hidden_thread()
    with_second_factor(person, client)
    assert client.get(hidden.get_absolute_url(), follow=True).status_code == 200
    assert client.get("/moderation/").status_code == 200


def test_search_leaves_out_the_moderators_category_until_the_second_factor(client):
    person = _password_only()
    coordination = Category.objects.get(slug="alliance-coordination")
    forum_factories.thread(UserFactory(role=Role.ADMIN), category=coordination, title="Zhalal-Abad referral pathway")
    client.force_login(person)
    found = client.get("/search/", {"q": "Zhalal-Abad", "kind": "forum"}, follow=True).content.decode()
    assert "Zhalal-Abad referral pathway" not in found
    with_second_factor(person, client)
    found = client.get("/search/", {"q": "Zhalal-Abad", "kind": "forum"}, follow=True).content.decode()
    assert "Zhalal-Abad referral pathway" in found


@LIVE_DB
@pytest.mark.asyncio
async def test_a_socket_without_the_second_factor_joins_only_a_members_rooms():
    person = await sync_to_async(_password_only)()
    other_country = await sync_to_async(country_room)("tm")
    socket, ready = await connect_ready(person)
    assert other_country.pk not in {room["id"] for room in ready["rooms"]}
    await socket.disconnect()
    await sync_to_async(with_second_factor)(person)
    socket, ready = await connect_ready(person)
    assert other_country.pk in {room["id"] for room in ready["rooms"]}
    await socket.disconnect()


def test_staff_cannot_remove_their_last_second_factor(client):
    moderator = UserFactory(role=Role.MODERATOR)
    reauthenticated(client, moderator)
    response = client.post("/accounts/2fa/totp/deactivate/")
    assert has_totp(moderator)
    assert "administrator can reset it" in response.content.decode()


def test_a_member_may_remove_their_second_factor(client):
    member = UserFactory(role=Role.MEMBER, two_factor=True)
    reauthenticated(client, member)
    client.post("/accounts/2fa/totp/deactivate/")
    assert not has_totp(member)


def test_an_admin_resets_a_lost_second_factor_and_it_is_audited(admin_user):
    moderator = UserFactory(role=Role.MODERATOR)
    member_second_factor_reset(actor=admin_user, member=moderator, reason="Phone lost at a checkpoint")
    assert not Authenticator.objects.filter(user=moderator).exists()
    entry = AuditEntry.objects.get(action="member.second_factor_reset")
    assert entry.actor == admin_user and entry.target_user == moderator
    assert entry.reason == "Phone lost at a checkpoint"
    moderator.refresh_from_db()
    assert moderator.session_generation == 1  # the sessions that used the old device end


def test_only_an_admin_with_the_second_factor_resets_one(moderator):
    colleague = UserFactory(role=Role.MODERATOR)
    for actor in (moderator, _password_only(Role.ADMIN)):
        with pytest.raises(PermissionDenied):
            member_second_factor_reset(actor=actor, member=colleague, reason="lost")
    assert has_totp(colleague)


def test_the_django_admin_offers_the_audited_reset(client, admin_user):
    moderator = UserFactory(role=Role.MODERATOR)
    with_second_factor(admin_user, client)
    client.post("/admin/accounts/user/", {"action": "reset_second_factor", "_selected_action": [moderator.pk]})
    assert not has_totp(moderator)
    assert AuditEntry.objects.filter(action="member.second_factor_reset", target_user=moderator).exists()
