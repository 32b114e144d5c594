"""Sharing a translated file fulfils the requests for a translation of the resource into its
language: the requesters hear of it as of any translation, with a link to the translated file."""

import pytest

from accounts.models import Role, Status
from notifications.models import Kind, Notification
from notifications.texts import notification_text
from resources import services as resource_services
from resources.models import State
from tests.factories import UserFactory
from translations import selectors, services
from translations.models import TranslationRequest

from .helpers import speaker
from .test_translated_files import russian_resource, upload_translation

pytestmark = pytest.mark.django_db

KIND = "resources.resource"


def ask(original, language="ky", requester=None):
    requester = requester or UserFactory()
    services.request_create(requester=requester, kind_key=KIND, object_id=original.pk, language=language)
    return requester


def translation_notices():
    return list(Notification.objects.filter(kind=Kind.TRANSLATION).order_by("recipient_id"))


def test_an_experts_translated_file_fulfils_the_request_and_notifies_the_requester():
    original = russian_resource()
    requester = ask(original)
    translator = speaker("ky", role=Role.EXPERT)
    assert [row["object_id"] for row in selectors.open_requests(translator)] == [original.pk]
    copy = upload_translation(original, translator)
    assert copy.state == State.PUBLISHED
    assert TranslationRequest.objects.get().fulfilled_at is not None
    assert selectors.open_requests(translator) == []
    [notice] = translation_notices()
    assert notice.recipient == requester
    assert notice.url == copy.get_absolute_url()
    assert (notice.verb, notice.actor, notice.title) == ("ky", translator, original.title)
    assert notice.target_id == copy.pk
    text = notification_text(notice)
    assert translator.display_name in text
    assert original.title in text


def test_a_members_translated_file_fulfils_the_request_when_a_moderator_approves_it():
    original = russian_resource()
    requester = ask(original)
    copy = upload_translation(original, speaker("ky", role=Role.MEMBER))
    assert copy.state == State.IN_REVIEW
    # Waiting for review: nothing is published yet.
    assert TranslationRequest.objects.get().fulfilled_at is None
    assert translation_notices() == []
    resource_services.resource_approve(actor=UserFactory(role=Role.MODERATOR), resource=copy)
    assert TranslationRequest.objects.get().fulfilled_at is not None
    assert [notice.recipient for notice in translation_notices()] == [requester]
    assert translation_notices()[0].url == copy.get_absolute_url()


def test_a_rejected_translated_file_leaves_the_request_open():
    original = russian_resource()
    ask(original)
    copy = upload_translation(original, speaker("ky", role=Role.MEMBER))
    resource_services.resource_reject(actor=UserFactory(role=Role.MODERATOR), resource=copy, reason="Wrong file")
    assert TranslationRequest.objects.get().fulfilled_at is None
    assert translation_notices() == []


def test_requests_in_other_languages_and_for_other_resources_stay_open():
    original = russian_resource()
    other = russian_resource(title="Referral pathway")
    ask(original, "en")
    ask(other, "ky")
    upload_translation(original, speaker("ky", role=Role.EXPERT))
    assert not TranslationRequest.objects.filter(fulfilled_at__isnull=False).exists()
    assert translation_notices() == []


def test_every_requester_is_notified_once_and_the_translator_never():
    original = russian_resource()
    translator = speaker("ky", role=Role.EXPERT)
    first, second = ask(original), ask(original)
    ask(original, requester=translator)
    upload_translation(original, translator)
    assert [notice.recipient for notice in translation_notices()] == [first, second]


def test_a_requester_who_may_no_longer_see_it_is_not_notified():
    original = russian_resource()
    suspended = ask(original)
    suspended.status = Status.SUSPENDED
    suspended.save(update_fields=["status"])
    upload_translation(original, speaker("ky", role=Role.EXPERT))
    assert translation_notices() == []


def test_a_translated_file_approved_after_its_original_left_the_library_notifies_no_member():
    original = russian_resource()
    ask(original)
    copy = upload_translation(original, speaker("ky", role=Role.MEMBER))
    moderator = UserFactory(role=Role.MODERATOR)
    resource_services.resource_archive(actor=moderator, resource=original, reason="Outdated")
    resource_services.resource_approve(actor=moderator, resource=copy)
    # The request is answered, but the file follows its archived original out of sight.
    assert TranslationRequest.objects.get().fulfilled_at is not None
    assert translation_notices() == []


def test_publishing_an_ordinary_resource_fulfils_nothing():
    original = russian_resource()
    ask(original)
    russian_resource(title="Another toolkit")
    assert TranslationRequest.objects.get().fulfilled_at is None
    assert translation_notices() == []


def test_the_notice_opens_the_translated_file(client):
    original = russian_resource()
    requester = ask(original, requester=speaker("ky"))
    copy = upload_translation(original, speaker("ky", role=Role.EXPERT))
    client.force_login(requester)
    notice = translation_notices()[0]
    response = client.get(notice.url, follow=True)
    assert response.status_code == 200
    assert copy.title in response.content.decode()
