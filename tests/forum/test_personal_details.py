import pytest

from forum.models import Post, Thread
from tests.forum import factories

pytestmark = pytest.mark.django_db

PHONE_REPLY = "The night line of the shelter is +7 701 123 45 67."


def test_a_reply_with_a_phone_number_is_shown_again_with_a_gentle_check(member_client, member):
    thread = factories.thread(member)
    response = member_client.post(f"/forum/threads/{thread.pk}/reply/", {"body": PHONE_REPLY})
    assert response.status_code == 200
    assert "seems to contain a phone number" in response.text
    assert "I have checked: this does not identify a survivor" in response.text
    assert PHONE_REPLY in response.text
    assert Post.objects.filter(thread=thread).count() == 1


def test_confirming_the_check_publishes_the_reply(member_client, member):
    thread = factories.thread(member)
    response = member_client.post(
        f"/forum/threads/{thread.pk}/reply/", {"body": PHONE_REPLY, "personal_details_checked": "on"}
    )
    assert response.status_code == 302
    assert Post.objects.filter(thread=thread, body=PHONE_REPLY).exists()


def test_a_reply_without_personal_details_is_not_questioned(member_client, member):
    thread = factories.thread(member)
    response = member_client.post(f"/forum/threads/{thread.pk}/reply/", {"body": "Thank you, 150 is the hotline."})
    assert response.status_code == 302


def test_a_preview_is_not_questioned(member_client, member):
    thread = factories.thread(member)
    response = member_client.post(f"/forum/threads/{thread.pk}/reply/", {"body": PHONE_REPLY, "preview": "1"})
    assert response.status_code == 200
    assert "seems to contain" not in response.text


def test_a_new_thread_with_an_email_in_the_title_is_questioned(member_client):
    response = member_client.post(
        "/forum/new/", {"category": "prevention", "title": "Write to aigul@example.kz", "body": "Details inside"}
    )
    assert response.status_code == 200
    assert "seems to contain an email address" in response.text
    assert not Thread.objects.exists()


def test_an_edit_adding_an_id_number_is_questioned_and_then_saved(member_client, member):
    thread = factories.thread(member, body="Original words")
    post = thread.posts.get()
    url = f"/forum/p/{post.pk}/edit/"
    data = {"title": thread.title, "body": "Her IIN is 900101300123"}
    response = member_client.post(url, data)
    assert "ID-like number" in response.text
    post.refresh_from_db()
    assert post.body == "Original words"
    member_client.post(url, {**data, "personal_details_checked": "on"})
    post.refresh_from_db()
    assert post.body == "Her IIN is 900101300123"


@pytest.mark.parametrize(
    ("body", "described"),
    [
        ("She is staying at ул. Абая 15, кв. 32 for now.", "a street address"),
        ("Survivor Gulnara Karimova, 23, from Osh asked for help.", "a person named together with their age"),
    ],
)
def test_a_reply_with_an_address_or_a_named_person_is_questioned(member_client, member, body, described):
    thread = factories.thread(member)
    response = member_client.post(f"/forum/threads/{thread.pk}/reply/", {"body": body})
    assert response.status_code == 200
    assert described in response.text
    assert Post.objects.filter(thread=thread).count() == 1
