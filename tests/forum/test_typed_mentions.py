"""A mention typed by hand without the picker: "@" and a colleague's whole display name, in any
script and case, becomes one mention that takes in the whole name; a part of a name that
only one member's name contains is taken as before; anything else is refused, never guessed."""

import pytest
from django.core.exceptions import ValidationError

from forum import services
from notifications.models import Kind, Notification
from tests.factories import UserFactory
from tests.forum import factories

pytestmark = pytest.mark.django_db


def _reply(thread, author, body):
    return services.post_create(author=author, thread=thread, body=body)


@pytest.mark.parametrize(
    ("name", "typed", "after"),
    [
        ("Partner in Afghanistan", "@Partner in Afghanistan hello", " hello"),
        ("Partner in Afghanistan", "@partner IN afghanistan, hello", ", hello"),
        ("Айжан Н.", "@Айжан Н. спасибо!", " спасибо!"),
        ("Айжан Н.", "Вопрос к @айжан н.", ""),
        ("ملالی احمدی", "@ملالی احمدی سلام", " سلام"),
    ],
)
def test_a_whole_display_name_typed_after_an_at_sign_is_one_mention(member, name, typed, after):
    colleague = UserFactory(display_name=name)
    thread = factories.thread(member)
    post = _reply(thread, member, typed)
    before = typed[: typed.index("@")]
    assert post.body == f"{before}@[{name}](member:{colleague.pk}){after}"
    assert list(post.mentions.all()) == [colleague]
    # The page shows the name once, linked.
    assert post.body_html.count(name.split()[-1]) == 1
    assert f'data-member-id="{colleague.pk}">@{name}</a>' in post.body_html


def test_the_longest_whole_name_is_the_one_meant(member):
    anna = UserFactory(display_name="Anna")
    anna_smith = UserFactory(display_name="Anna Smith")
    thread = factories.thread(member)
    post = _reply(thread, member, "@Anna Smith and @Anna, please compare notes")
    assert post.body == (f"@[Anna Smith](member:{anna_smith.pk}) and @[Anna](member:{anna.pk}), please compare notes")


def test_a_first_word_that_one_member_s_name_contains_is_taken_as_before(member):
    colleague = UserFactory(display_name="Partner in Afghanistan")
    thread = factories.thread(member)
    post = _reply(thread, member, "@Partner hello")
    assert post.body == f"@[Partner in Afghanistan](member:{colleague.pk}) hello"


def test_a_name_that_goes_on_into_a_longer_word_is_not_taken_whole(member):
    UserFactory(display_name="Nodira Azimova")
    UserFactory(display_name="Nodira Azimovaeva")
    thread = factories.thread(member)
    with pytest.raises(ValidationError) as caught:
        _reply(thread, member, "@Nodira Azimov is away")
    assert caught.value.code == "ambiguous_mention"


def test_a_part_of_a_name_that_several_members_share_is_refused_not_guessed(member):
    UserFactory(display_name="Partner in Afghanistan")
    UserFactory(display_name="Partner in Tajikistan")
    thread = factories.thread(member)
    with pytest.raises(ValidationError) as caught:
        _reply(thread, member, "@Partner in Kabul, hello")
    assert caught.value.code == "ambiguous_mention"
    assert "@Partner" in caught.value.messages[0]


def test_a_whole_name_is_found_among_several_members_who_share_its_first_word(member):
    UserFactory(display_name="Partner in Tajikistan")
    afghanistan = UserFactory(display_name="Partner in Afghanistan")
    thread = factories.thread(member)
    post = _reply(thread, member, "@Partner in Afghanistan hello")
    assert list(post.mentions.all()) == [afghanistan]


def test_a_suspended_member_s_whole_name_is_not_a_mention(member):
    UserFactory(display_name="Partner in Afghanistan", status="suspended")
    thread = factories.thread(member)
    with pytest.raises(ValidationError) as caught:
        _reply(thread, member, "@Partner in Afghanistan hello")
    assert caught.value.code == "unknown_mention"


def test_the_mentioned_member_is_notified_once(member):
    colleague = UserFactory(display_name="Айжан Н.")
    thread = factories.thread(member)
    _reply(thread, member, "@Айжан Н. посмотрите, пожалуйста")
    assert list(Notification.objects.filter(recipient=colleague).values_list("kind", flat=True)) == [Kind.MENTION]


def test_typed_names_cost_one_query_for_the_whole_names_whatever_their_number(member, django_assert_num_queries):
    from accounts.mentions import mentions_prepare

    people = [UserFactory(display_name=f"Colleague number {n}") for n in range(6)]
    text = " ".join(f"@Colleague number {n} hello" for n in range(6))
    with django_assert_num_queries(1):
        prepared = mentions_prepare(text)
    assert [user.pk for user in prepared.members] == [person.pk for person in people]
