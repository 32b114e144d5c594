"""Titles and room names lose the bidi embeddings, overrides and isolates that would turn the
sentences quoting them around; the marks right-to-left writers use stay; and messages that
quote a title stored before stay readable."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role
from chat import services as chat_services
from chat.models import Room
from core.text import without_direction_controls
from forum.models import Thread
from notifications import texts as notification_texts
from notifications.models import Kind, Notification
from resources import collections, translation_upload
from resources import services as resource_services
from resources.collection_forms import CollectionForm
from resources.forms import ResourceForm
from resources.models import Collection, Resource
from tests.chat.factories import private_room, send
from tests.factories import UserFactory
from tests.forum import factories as forum
from tests.helpers import with_second_factor
from tests.resources.factories import make_resource, pdf_upload
from tests.translations.helpers import russian_thread, speaker, translate_opening

pytestmark = pytest.mark.django_db

RLO, LRE, RLI, PDI, PDF = "\u202e", "\u202a", "\u2067", "\u2069", "\u202c"
CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
SPOOF = f"{RLO}fdp.exe Safety plan{PDF}"
ONLY_CONTROLS = f"{RLO}{RLI} {PDI}{PDF}"


def test_every_embedding_override_and_isolate_is_removed():
    assert without_direction_controls(f"a{CONTROLS}b") == "ab"
    assert without_direction_controls(SPOOF) == "fdp.exe Safety plan"


def test_the_marks_right_to_left_writers_use_stay():
    text = "راهنما\u200f (2024)\u200e, \u061cکابل"
    assert without_direction_controls(text) == text


def test_a_thread_title_loses_them():
    thread = forum.thread(title=SPOOF)
    thread.refresh_from_db()
    assert thread.title == "fdp.exe Safety plan"


def test_a_thread_title_made_only_of_them_is_refused_as_empty():
    with pytest.raises(ValidationError) as caught:
        forum.thread(title=ONLY_CONTROLS)
    assert "title_required" in [error.code for error in caught.value.error_dict["title"]]


def test_a_room_name_loses_them_and_one_made_only_of_them_is_refused():
    room = private_room(name=f"{RLO}Shelter coordinators")
    room.refresh_from_db()
    assert room.name == "Shelter coordinators"
    with pytest.raises(ValidationError) as caught:
        private_room(name=ONLY_CONTROLS)
    assert caught.value.code == "empty"


def test_a_thread_made_from_chat_loses_them_from_its_title_and_from_the_quoted_room_name():
    owner = UserFactory()
    room = private_room(owner=owner)
    message = send(owner, room)
    # A room named before names were cleaned.
    room.name = f"{RLO}Shelter coordinators"
    room.save(update_fields=["name"])
    thread = chat_services.thread_from_messages(
        actor=owner, room=room, message_ids=[message.pk], title=f"{RLO}From the chat", category=forum.category()
    )
    assert thread.title == "From the chat"
    assert RLO not in thread.posts.get(position=1).body
    with pytest.raises(ValidationError) as caught:
        chat_services.thread_from_messages(
            actor=owner, room=room, message_ids=[message.pk], title=ONLY_CONTROLS, category=forum.category()
        )
    assert caught.value.code == "empty"


def test_a_resource_title_and_summary_lose_them_in_the_service():
    expert = UserFactory(role=Role.EXPERT)
    resource = make_resource(author=expert, title=SPOOF, summary=f"{LRE}Two sentences.{PDF}")
    resource.refresh_from_db()
    assert (resource.title, resource.summary) == ("fdp.exe Safety plan", "Two sentences.")
    resource_services.resource_update(
        actor=expert, resource=resource, data={"title": f"{RLI}New title{PDI}", "summary": f"{RLO}New."}
    )
    resource.refresh_from_db()
    assert (resource.title, resource.summary) == ("New title", "New.")


def test_the_resource_form_cleans_the_title_and_summary():
    form = ResourceForm(data={"title": SPOOF, "summary": f"{RLO}Two sentences."}, with_files=False)
    form.is_valid()
    assert form.cleaned_data["title"] == "fdp.exe Safety plan"
    assert form.cleaned_data["summary"] == "Two sentences."


def test_the_resource_form_refuses_a_title_or_summary_made_only_of_them():
    form = ResourceForm(data={"title": ONLY_CONTROLS, "summary": ONLY_CONTROLS}, with_files=False)
    assert not form.is_valid()
    assert form.has_error("title", code="required")
    assert form.has_error("summary", code="required")


def test_a_translated_title_loses_them_and_one_made_only_of_them_is_refused():
    thread = russian_thread()
    translation = translate_opening(thread, title=f"{RLO}Айылдардагы коопсуздук")
    assert translation.fields["title"] == "Айылдардагы коопсуздук"
    with pytest.raises(ValidationError) as caught:
        translate_opening(thread, title=ONLY_CONTROLS)
    assert "title" in caught.value.error_dict


def test_a_review_message_quoting_a_title_stored_before_does_not_carry_them(client):
    moderator = UserFactory(role=Role.MODERATOR)
    resource = make_resource(author=UserFactory(), submit=True)
    Resource.objects.filter(pk=resource.pk).update(title=SPOOF)  # a row written before the cleaning
    with_second_factor(moderator, client)
    response = client.post(f"/resources/{resource.pk}/review/approve/", follow=True)
    text = response.content.decode()
    assert "“fdp.exe Safety plan” is published." in text
    assert RLO not in text


def test_a_notification_quoting_a_title_stored_before_does_not_carry_them():
    notification = Notification(kind=Kind.REPLY, title=SPOOF, count=1)
    assert "fdp.exe Safety plan" in notification_texts.notification_text(notification)
    assert RLO not in notification_texts.notification_text(notification)


def test_a_collection_title_and_its_translations_lose_them():
    curator = UserFactory(role=Role.EXPERT)
    collection = collections.collection_create(actor=curator, data={"title": SPOOF, "introduction": ""})
    assert Collection.objects.get(pk=collection.pk).title == "fdp.exe Safety plan"
    collections.collection_update(actor=curator, collection=collection, data={"title": f"{RLI}Starter kit{PDI}"})
    assert Collection.objects.get(pk=collection.pk).title == "Starter kit"
    collections.collection_translation_set(actor=curator, collection=collection, language="ru", title=f"{RLO}Набор")
    assert Collection.objects.get(pk=collection.pk).translations["ru"]["title"] == "Набор"


def test_a_collection_title_or_translated_title_made_only_of_them_is_refused():
    form = CollectionForm(data={"title": ONLY_CONTROLS, "introduction": ""})
    assert not form.is_valid()
    assert form.has_error("title", code="required")
    curator = UserFactory(role=Role.EXPERT)
    collection = collections.collection_create(actor=curator, data={"title": "Starter kit", "introduction": ""})
    with pytest.raises(ValidationError) as caught:
        collections.collection_translation_set(actor=curator, collection=collection, language="ru", title=ONLY_CONTROLS)
    assert caught.value.code == "title_required"


def test_a_translated_files_title_and_summary_lose_them_and_ones_made_only_of_them_are_refused():
    original = make_resource()
    translator = speaker("ky")
    copy = translation_upload.translated_file_create(
        translator=translator,
        original=original,
        language="ky",
        upload=pdf_upload("kyrgyz.pdf", title="Коопсуздук"),
        title=f"{RLO}Коопсуздук планы",
        summary=f"{LRE}Колдонмо.{PDF}",
    )
    assert (copy.title, copy.summary) == ("Коопсуздук планы", "Колдонмо.")
    with pytest.raises(ValidationError) as caught:
        translation_upload.translated_file_create(
            translator=speaker("tg"),
            original=original,
            language="tg",
            upload=pdf_upload("tajik.pdf", title="Бехатарӣ"),
            title=ONLY_CONTROLS,
            summary=ONLY_CONTROLS,
        )
    assert set(caught.value.message_dict) == {"title", "summary"}


# Through the forms members post: a title of nothing but controls is explained, never a 500.


def test_the_new_thread_form_explains_a_title_made_only_of_them(member_client):
    response = member_client.post("/forum/new/", {"category": "prevention", "title": ONLY_CONTROLS, "body": "Text"})
    assert response.status_code == 200
    assert "Please give the thread a title." in response.text
    assert not Thread.objects.exists()


def test_the_new_room_form_explains_a_name_made_only_of_them(member_client):
    response = member_client.post("/chat/new/", {"name": ONLY_CONTROLS})
    assert response.status_code == 200
    assert "Give the room a name." in response.text
    assert not Room.objects.filter(kind=Room.Kind.PRIVATE).exists()
