"""A moderator's country scope holds on every page, socket frame, search, list, count and
action: one scope rule per kind of content. Admins (moderators of every country) see everything."""

import pytest
from asgiref.sync import sync_to_async
from django.core.exceptions import PermissionDenied

from accounts.models import Role
from chat import services as chat_services
from chat.models import Room
from forum import selectors as forum_selectors
from forum import services as forum_services
from forum.models import Category, Thread
from moderation import selectors as moderation_selectors
from moderation.models import AuditEntry
from moderation.services import audit_record
from resources import selectors as resource_selectors
from resources import services as resource_services
from resources.models import Resource
from taxonomy.models import Country
from tests.chat.factories import country_room, private_room, send
from tests.chat.ws import connect_ready
from tests.factories import UserFactory
from tests.forum import factories as forum_factories
from tests.helpers import LIVE_DB, with_second_factor
from tests.resources.factories import make_resource, resource_data, terms

pytestmark = pytest.mark.django_db


def _country(slug):
    return Country.objects.get(slug=slug)


def _kg_moderator():
    moderator = UserFactory(role=Role.MODERATOR, country=_country("kg"))
    moderator.moderated_countries.set([_country("kg")])
    return moderator


def _member_of(slug):
    return UserFactory(country=_country(slug))


def _category_of(slug):
    return forum_factories.restricted_category(countries=(slug,), slug=f"{slug}-partners")


def _thread_in(slug, title="Referral pathways"):
    return forum_factories.thread(_member_of(slug), category=_category_of(slug), title=title)


def test_a_scoped_moderator_reads_their_countrys_category_and_not_anothers():
    moderator, admin = _kg_moderator(), UserFactory(role=Role.ADMIN)
    kg, tm = _category_of("kg"), _category_of("tm")
    assert Category.objects.visible_to(moderator).filter(pk=kg.pk).exists()
    assert not Category.objects.visible_to(moderator).filter(pk=tm.pk).exists()
    assert Category.objects.visible_to(admin).filter(pk=tm.pk).exists()


def test_the_pages_follow_the_category_scope(client):
    kg_thread, tm_thread = _thread_in("kg"), _thread_in("tm")
    with_second_factor(_kg_moderator(), client)
    assert client.get(kg_thread.get_absolute_url(), follow=True).status_code == 200
    assert client.get(tm_thread.get_absolute_url()).status_code == 404
    assert client.get("/forum/tm-partners/").status_code == 404
    assert "tm-partners" not in client.get("/forum/").content.decode()


def test_hidden_threads_are_seen_only_where_the_moderator_looks_after_them():
    admin, moderator = UserFactory(role=Role.ADMIN), _kg_moderator()
    kg_thread, open_thread = _thread_in("kg"), forum_factories.thread(_member_of("kz"))
    for thread in (kg_thread, open_thread):
        forum_services.thread_hide(actor=admin, thread=thread, reason="identifies a survivor")
    seen = set(Thread.objects.visible_to(moderator).values_list("pk", flat=True))
    assert kg_thread.pk in seen and open_thread.pk not in seen
    assert {kg_thread.pk, open_thread.pk} <= set(Thread.objects.visible_to(admin).values_list("pk", flat=True))


def test_search_finds_only_the_scoped_moderators_categories(client):
    _thread_in("tm", title="Ashgabat hotline schedule")
    with_second_factor(_kg_moderator(), client)
    found = client.get("/search/", {"q": "Ashgabat"}, follow=True).content.decode()
    assert "Ashgabat hotline schedule" not in found
    with_second_factor(UserFactory(role=Role.ADMIN), client)
    assert "Ashgabat hotline schedule" in client.get("/search/", {"q": "Ashgabat"}, follow=True).content.decode()


def test_a_scoped_moderator_sees_their_country_room_and_no_private_room():
    moderator, admin = _kg_moderator(), UserFactory(role=Role.ADMIN)
    private = private_room()
    seen = set(Room.objects.visible_to(moderator).values_list("pk", flat=True))
    assert country_room("kg").pk in seen
    assert country_room("tm").pk not in seen and private.pk not in seen
    assert {country_room("tm").pk, private.pk} <= set(Room.objects.visible_to(admin).values_list("pk", flat=True))


@LIVE_DB
@pytest.mark.asyncio
async def test_the_chat_socket_offers_a_scoped_moderator_only_their_countrys_room():
    moderator = await sync_to_async(_kg_moderator)()
    kg, tm = await sync_to_async(country_room)("kg"), await sync_to_async(country_room)("tm")
    socket, ready = await connect_ready(moderator)
    rooms = {room["id"] for room in ready["rooms"]}
    await socket.disconnect()
    assert kg.pk in rooms and tm.pk not in rooms


def test_another_countrys_draft_is_hidden_from_a_scoped_moderator():
    draft = make_resource(author=_member_of("tm"), submit=False, countries=terms(Country, "tm"))
    assert not Resource.objects.visible_to(_kg_moderator()).filter(pk=draft.pk).exists()
    assert Resource.objects.visible_to(UserFactory(role=Role.ADMIN)).filter(pk=draft.pk).exists()


@pytest.mark.parametrize("editor", ["kg_moderator", "global_moderator", "admin"])
def test_nobody_but_its_author_edits_a_draft(editor):
    author = _member_of("kg")
    draft = make_resource(author=author, submit=False, countries=terms(Country, "kg"))
    actor = {
        "kg_moderator": _kg_moderator,
        "global_moderator": lambda: UserFactory(role=Role.MODERATOR),
        "admin": lambda: UserFactory(role=Role.ADMIN),
    }[editor]()
    with pytest.raises(PermissionDenied):
        resource_services.resource_update(actor=actor, resource=draft, data=resource_data(title="Renamed"))
    draft.refresh_from_db()
    assert draft.title == "Safety planning toolkit"
    resource_services.resource_update(actor=author, resource=draft, data=resource_data(title="Renamed"))


def test_a_draft_edit_page_refuses_a_moderator(moderator_client):
    draft = make_resource(author=UserFactory(), submit=False)
    assert moderator_client.get(f"/resources/{draft.pk}/edit/").status_code == 403


def test_the_review_queue_and_its_count_hold_only_the_moderators_countries(client):
    kg = make_resource(author=_member_of("kg"), countries=terms(Country, "kg"), title="Bishkek toolkit")
    tm = make_resource(author=_member_of("tm"), countries=terms(Country, "tm"), title="Mary toolkit")
    moderator = _kg_moderator()
    assert list(resource_selectors.review_queue(moderator)) == [kg]
    assert resource_selectors.count_in_review(moderator) == 1
    admin = UserFactory(role=Role.ADMIN)
    assert set(resource_selectors.review_queue(admin)) == {kg, tm}
    with_second_factor(moderator, client)
    page = client.get("/resources/review/").content.decode()
    assert "Bishkek toolkit" in page and "Mary toolkit" not in page


def test_the_review_of_another_countrys_resource_is_refused():
    tm = make_resource(author=_member_of("tm"), countries=terms(Country, "tm"))
    with pytest.raises(PermissionDenied):
        resource_services.resource_approve(actor=_kg_moderator(), resource=tm, note="")
    tm.refresh_from_db()
    assert tm.state == "in_review"


def test_the_audit_log_shows_a_scoped_moderator_only_their_countries(client):
    admin = UserFactory(role=Role.ADMIN)
    kg_member, tm_member = _member_of("kg"), _member_of("tm")
    audit_record(actor=admin, action="member.warn", target=kg_member, reason="Kyrgyz warning")
    audit_record(actor=admin, action="member.warn", target=tm_member, reason="Turkmen warning")
    tm_thread = _thread_in("tm")
    forum_services.thread_hide(actor=admin, thread=tm_thread, reason="Turkmen thread hidden")
    moderator = _kg_moderator()
    reasons = set(moderation_selectors.audit_entries_for(moderator).values_list("reason", flat=True))
    assert "Kyrgyz warning" in reasons and not {"Turkmen warning", "Turkmen thread hidden"} & reasons
    assert {"Turkmen warning", "Turkmen thread hidden"} <= set(
        moderation_selectors.audit_entries_for(admin).values_list("reason", flat=True)
    )
    with_second_factor(moderator, client)
    page = client.get("/moderation/audit/").content.decode()
    assert "Kyrgyz warning" in page and "Turkmen warning" not in page


def _reported_direct_message():
    sender, recipient = _member_of("kg"), _member_of("kg")
    room = chat_services.direct_start(sender=sender, recipients=[recipient])
    message = send(sender, room, "Meet me alone at the bus station")
    chat_services.message_report(reporter=recipient, message=message, reason="harassment")
    return message


def test_a_scoped_moderator_cannot_delete_a_reported_direct_message_outside_their_inbox(client):
    message = _reported_direct_message()
    moderator = _kg_moderator()
    assert not moderation_selectors.reports_for(moderator).exists()
    with pytest.raises(PermissionDenied):
        chat_services.message_delete(actor=moderator, message=message, reason="threat")
    with_second_factor(moderator, client)
    assert client.post(f"/chat/m/{message.pk}/delete/", {"reason": "threat"}).status_code == 404
    message.refresh_from_db()
    assert not message.is_deleted


def test_the_audit_entry_of_a_deleted_direct_message_keeps_no_text():
    message = _reported_direct_message()
    chat_services.message_delete(actor=UserFactory(role=Role.MODERATOR), message=message, reason="threat")
    entry = AuditEntry.objects.get(action="chat.message_delete")
    stored = f"{entry.target_repr} {entry.data} {entry.reason}"
    assert "bus station" not in stored
    assert entry.target_repr == f"message {message.pk} in room {message.room_id}"


def test_audit_entries_name_a_thread_by_kind_and_id_not_its_title():
    thread = forum_factories.thread(UserFactory(), title="Aigul from the Osh shelter")
    forum_services.thread_hide(actor=UserFactory(role=Role.ADMIN), thread=thread, reason="names a survivor")
    entry = AuditEntry.objects.get(action="forum.thread_hide")
    assert entry.target_repr == f"thread {thread.pk}" and "Aigul" not in str(entry.data)


def test_the_forum_report_count_holds_only_the_moderators_countries():
    admin = UserFactory(role=Role.ADMIN)
    for slug in ("kg", "tm"):
        thread = _thread_in(slug)
        reply = forum_factories.reply(thread, _member_of(slug))
        forum_services.post_report(reporter=_member_of(slug), post=reply, reason="spam")
    assert forum_selectors.reported_posts_open(_kg_moderator()).count() == 1
    assert forum_selectors.reported_posts_open(admin).count() == 2
