"""The language of what members write: detected from the text or chosen, shown as a tag and
filtered on."""

import pytest

from chat import services as chat_services
from core.content_language import detect, resolve
from forum.forms import _split
from forum.models import Post, Thread
from tests.chat.factories import open_room
from tests.factories import UserFactory
from tests.forum.factories import reply, thread


@pytest.mark.parametrize(
    "text, code",
    [
        ("Как организовать безопасное убежище в небольшом городе?", "ru"),
        ("Қазақстандағы дағдарыс орталықтары туралы", "kk"),
        ("Кыргызстандагы кризистик борборлор үчүн жардам", "ky"),
        ("Маркази бӯҳронӣ дар Тоҷикистон", "tg"),
        ("Ўзбекистонда хотин-қизларга ёрдам", "uz-cyrl"),
        ("Zoʻravonlikdan jabrlanganlarga yordam", "uz"),
        ("Türkmenistanda zorlukdan ejir çekenlere goldaw", "tk"),
        ("Safety planning in rural areas", "en"),
        ("د ښځو پر وړاندې تاوتریخوالی", "ps"),
        ("خشونت علیه زنان در افغانستان", "fa-af"),
    ],
)
def test_the_alliance_languages_are_told_apart(text, code):
    assert detect(text) == code


@pytest.mark.parametrize("text", ["", "ok", "👍👍", "https://example.org/a-long-english-path", "@[Aigerim Bekova]"])
def test_too_little_text_is_left_unknown(text):
    assert detect(text) == ""


def test_a_members_choice_wins_over_detection_and_unknown_codes_are_ignored():
    assert resolve("kk", "This is English") == "kk"
    assert resolve("xx-evil", "This is English") == "en"


def test_tags_split_on_the_arabic_comma_too():
    assert _split("پناهگاه، کمک حقوقی, shelters") == ["پناهگاه", "کمک حقوقی", "shelters"]


@pytest.mark.django_db
def test_a_thread_takes_its_opening_posts_language(member):
    made = thread(member, title="Убежища в регионах", body="Как вы работаете с кризисными центрами?")
    assert made.language == "ru"
    assert made.posts.get(position=1).language == "ru"
    answer = reply(made, body="We refer survivors to the nearest shelter.")
    assert answer.language == "en"


@pytest.mark.django_db
def test_editing_the_opening_post_updates_the_threads_language(member):
    from forum import services

    made = thread(member, title="Shelters", body="How do you work with crisis centres?")
    services.post_edit(editor=member, post=made.posts.get(position=1), body="Как вы работаете с кризисными центрами?")
    assert Thread.objects.get(pk=made.pk).language == "ru"


@pytest.mark.django_db
def test_a_reply_in_a_chosen_language_keeps_it(member_client, member):
    made = thread(member)
    response = member_client.post(
        f"/forum/threads/{made.pk}/reply/", {"body": "A short note.", "language": "tg"}, follow=True
    )
    assert response.status_code == 200
    assert Post.objects.get(thread=made, position=2).language == "tg"


@pytest.mark.django_db
def test_the_thread_list_shows_the_tag_and_filters_by_language(member_client, member):
    thread(member, title="Убежища в регионах", body="Как вы работаете с кризисными центрами?")
    thread(member, title="Rural safety planning", body="How do you plan safety with survivors far from towns?")
    page = member_client.get("/forum/?language=ru").text
    assert "Убежища в регионах" in page and "Rural safety planning" not in page
    assert '<span class="lang-tag" lang="ru">Русский</span>' in page
    assert member_client.get("/forum/?language=not-a-language").status_code == 200


@pytest.mark.django_db
def test_chat_messages_carry_their_language():
    sender = UserFactory()
    message, _created = chat_services.message_send(
        sender=sender, room=open_room(), body="Сәлеметсіз бе, әріптестер!", client_id="kk-1"
    )
    assert message.language == "kk"
