"""A moderator scoped to countries acts in the forum, chat and library only on what belongs
to those countries; global moderators act everywhere."""

import pytest
from django.core.exceptions import PermissionDenied

from chat import services as chat_services
from chat.models import Room
from forum import services as forum_services
from forum.models import Category
from resources.models import State
from resources.permissions import can_review
from taxonomy.models import Country
from tests.factories import UserFactory
from tests.forum import factories as forum_factories
from tests.resources.factories import make_resource, terms

pytestmark = pytest.mark.django_db


@pytest.fixture
def kz_moderator():
    moderator = UserFactory(role="moderator")
    moderator.moderated_countries.set([Country.objects.get(slug="kz")])
    return moderator


def country_category(slug):
    category, _ = Category.objects.get_or_create(
        slug=f"scope-{slug}", defaults={"name_en": slug, "name_ru": slug, "country": Country.objects.get(slug=slug)}
    )
    return category


def test_a_scoped_moderator_hides_posts_only_in_their_countries_categories(kz_moderator, moderator):
    kg_thread = forum_factories.thread(category=country_category("kg"))
    kg_reply = forum_factories.reply(kg_thread)
    with pytest.raises(PermissionDenied):
        forum_services.post_hide(actor=kz_moderator, post=kg_reply, reason="Spam")
    kz_reply = forum_factories.reply(forum_factories.thread(category=country_category("kz")))
    assert forum_services.post_hide(actor=kz_moderator, post=kz_reply, reason="Spam").is_hidden
    assert forum_services.post_hide(actor=moderator, post=kg_reply, reason="Spam").is_hidden


def test_a_scoped_moderator_cannot_lock_a_thread_elsewhere(kz_moderator):
    thread = forum_factories.thread(category=country_category("uz"))
    with pytest.raises(PermissionDenied):
        forum_services.thread_lock(actor=kz_moderator, thread=thread)


def test_a_scoped_moderator_deletes_chat_messages_only_in_their_countries_rooms(kz_moderator, member):
    kg_room = Room.objects.create(
        kind=Room.Kind.COUNTRY, slug="scope-kg-room", name="KG", country=Country.objects.get(slug="kg")
    )
    kg_member = UserFactory(country=Country.objects.get(slug="kg"))
    message, _created = chat_services.message_send(sender=kg_member, room=kg_room, body="hello", client_id="c1")
    with pytest.raises(PermissionDenied):
        chat_services.message_delete(actor=kz_moderator, message=message)
    message.refresh_from_db()
    assert message.deleted_at is None
    global_moderator = UserFactory(role="moderator")
    assert chat_services.message_delete(actor=global_moderator, message=message).deleted_at is not None


def test_a_scoped_moderator_reviews_only_resources_of_their_countries(kz_moderator, member):
    kg_resource = make_resource(member, countries=terms(Country, "kg"))
    kz_resource = make_resource(member, countries=terms(Country, "kz"))
    assert kg_resource.state == kz_resource.state == State.IN_REVIEW
    assert not can_review(kz_moderator, kg_resource)
    assert can_review(kz_moderator, kz_resource)
