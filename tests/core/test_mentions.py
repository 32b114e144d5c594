"""Mentions are kept by member id, shown with the person's current name, checked the same way
in preview and on publish, and scanned in linear time."""

import pytest
from django.core.exceptions import ValidationError

from accounts import services as account_services
from accounts.mentions import mentions_prepare
from core.mentions import StepCounter, mention_ids, mentions_scan
from forum import services as forum_services
from tests.factories import UserFactory
from tests.forum import factories

pytestmark = pytest.mark.django_db

SIZE = 16 * 1024
ADVERSARIAL = {
    "at signs": "@" * SIZE,
    "open brackets": "@[" * (SIZE // 2),
    "unclosed labels": ("@[" + "x" * 79) * (SIZE // 81),
    "labels full of at signs": "@[" + "a@" * (SIZE // 2),
    "id prefixes": "@[a](member:" * (SIZE // 12),
    "long ids": ("@[a](member:" + "9" * 40) * (SIZE // 52),
    "words": "@" + "w." * (SIZE // 2),
    "brackets without at": "[" * SIZE,
    "closing brackets": "@[a]" * (SIZE // 4),
}


@pytest.mark.parametrize("text", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_the_scanner_reads_adversarial_text_in_linear_steps(text):
    counter = StepCounter()
    mentions_scan(text, counter)
    assert len(text) >= SIZE - 100
    assert counter.steps <= 4 * len(text)


def test_the_scanner_finds_each_form_of_mention():
    found = mentions_scan("Hi @[Dr. Nodira](member:7), @[Айжан Н.] and @Madina. mail a@b.org")
    assert [(m.label, m.member_id) for m in found] == [("Dr. Nodira", 7), ("Айжан Н.", None), ("Madina", None)]


def test_a_typed_name_that_matches_one_member_is_stored_by_id():
    aizhan = UserFactory(display_name="Айжан Нурланова")
    prepared = mentions_prepare("Спасибо, @[Айжан Нурланова]!")
    assert prepared.body == f"Спасибо, @[Айжан Нурланова](member:{aizhan.pk})!"
    assert prepared.members == [aizhan]
    assert f'href="/members/{aizhan.pk}/"' in prepared.html and "@Айжан Нурланова</a>" in prepared.html


def test_a_typed_name_that_matches_several_members_is_refused():
    UserFactory(display_name="Nodira Azimova")
    UserFactory(display_name="Nodira Karimova")
    with pytest.raises(ValidationError) as caught:
        mentions_prepare("Thanks @[Nodira]")
    assert caught.value.code == "ambiguous_mention"
    assert "Several members match @Nodira" in caught.value.messages[0]


def test_an_unknown_name_is_refused():
    with pytest.raises(ValidationError) as caught:
        mentions_prepare("Thanks @[Nobody Here]")
    assert caught.value.code == "unknown_mention"


def test_the_label_is_not_trusted_the_member_id_decides():
    colleague = UserFactory(display_name="Gulnara")
    prepared = mentions_prepare(f"Ask @[The Administrator](member:{colleague.pk})")
    assert "@Gulnara</a>" in prepared.html and "Administrator" not in prepared.html
    assert prepared.body == f"Ask @[Gulnara](member:{colleague.pk})"


def test_a_mention_of_a_suspended_member_by_id_is_refused():
    suspended = UserFactory(status="suspended")
    with pytest.raises(ValidationError):
        mentions_prepare(f"Hi @[x](member:{suspended.pk})")


def test_member_written_html_cannot_forge_a_mention_link():
    prepared = mentions_prepare('<a class="mention" href="/members/1/" data-member-id="1">@Boss</a>', strict=False)
    assert '<a class="mention"' not in prepared.html and not mention_ids(prepared.html)


def test_a_mention_stored_by_id_shows_the_renamed_persons_new_name(member_client, member):
    colleague = UserFactory(display_name="Zarina Old")
    thread = factories.thread(member, body=f"Question for @[Zarina Old](member:{colleague.pk})")
    account_services.member_update_profile(member=colleague, display_name="Zarina New")
    page = member_client.get(thread.get_absolute_url(), follow=True).content.decode()
    assert f'<a class="mention" href="/members/{colleague.pk}/" data-member-id="{colleague.pk}">@Zarina New</a>' in page
    assert "Zarina Old" not in page


def test_the_preview_refuses_an_ambiguous_mention_as_publishing_does(member_client):
    UserFactory(display_name="Nodira Azimova")
    UserFactory(display_name="Nodira Karimova")
    data = {"category": "prevention", "title": "Who can help", "body": "Asking @[Nodira]"}
    preview = member_client.post("/forum/new/", data | {"preview": "1"}).content.decode()
    publish = member_client.post("/forum/new/", data).content.decode()
    assert "Several members match @Nodira" in preview
    assert "Several members match @Nodira" in publish


def test_publishing_a_reply_keeps_the_mention_by_id(member):
    colleague = UserFactory(display_name="Dr. Nodira")
    thread = factories.thread(member)
    post = forum_services.post_create(author=member, thread=thread, body="Thanks @[Dr. Nodira]")
    assert post.body == f"Thanks @[Dr. Nodira](member:{colleague.pk})"
    assert list(post.mentions.all()) == [colleague]


def test_the_thread_page_looks_up_mentioned_names_in_one_query(member_client, member):
    people = [UserFactory(display_name=f"Person {n}") for n in range(5)]
    body = " ".join(f"@[x](member:{p.pk})" for p in people)
    thread = factories.thread(member, body=body)
    for _ in range(3):
        factories.reply(thread, member, body=body)
    url = thread.get_absolute_url()
    member_client.get(url, follow=True)
    with_mentions = _count(member_client, url)
    plain = factories.thread(member, body="No mentions")
    member_client.get(plain.get_absolute_url(), follow=True)
    without = _count(member_client, plain.get_absolute_url())
    assert with_mentions - without <= 1


def _count(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url, follow=True)
    return len(queries)


def test_a_chat_message_mentioning_by_id_shows_the_renamed_persons_new_name(member_client, member):
    from tests.chat.factories import open_room, send

    colleague = UserFactory(display_name="Bermet Old")
    room = open_room()
    message = send(member, room, "Ask @[Bermet Old]")
    assert message.body == f"Ask @[Bermet Old](member:{colleague.pk})"
    account_services.member_update_profile(member=colleague, display_name="Bermet New")
    page = member_client.get(room.get_absolute_url(), follow=True).content.decode()
    assert "@Bermet New</a>" in page and "Bermet Old" not in page


@pytest.mark.django_db
def test_placeholder_characters_typed_by_a_member_cannot_place_a_mention_inside_markup():
    colleague = UserFactory(display_name="Malika")
    text = f'@[Malika](member:{colleague.pk}) [link](https://example.org "\ue0000\ue001<img src=x onerror=alert(1)>")'
    html = str(mentions_prepare(text).html)
    assert html.count('class="mention"') == 1
    assert 'title="<a' not in html and "<img" not in html


@pytest.mark.django_db
def test_a_mention_written_inside_a_link_title_or_text_opens_no_markup():
    colleague = UserFactory(display_name="Malika")
    html = str(
        mentions_prepare(
            f'[see @[Malika](member:{colleague.pk})](https://example.org "@[Malika](member:{colleague.pk})")'
        ).html
    )
    assert 'class="mention"' not in html
    assert html.count("<a ") == 1
