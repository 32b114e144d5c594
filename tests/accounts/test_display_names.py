"""Display names cannot pass for someone else's: normalised, no invisible characters, unique
by look-alike skeleton, staff words kept for staff, in every form that sets a name."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client

from accounts.models import Role, User
from accounts.names import display_name_clean, name_skeleton
from taxonomy.models import Country
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long passphrase 2026"


def _code(name, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        display_name_clean(name, **kwargs)
    return caught.value.code


def test_a_name_is_normalised_with_nfkc_and_single_spaces():
    assert display_name_clean("  Ａｉｚａ   Ｋ.  ") == "Aiza K."


@pytest.mark.parametrize(
    "name",
    [
        "Ai\u200bza",  # zero-width space
        "Ai\u200dza",  # zero-width joiner
        "Aiza\u202e",  # right-to-left override
        "\u2066Aiza\u2069",  # bidi isolates
        "Aiza\nModerator",  # line break
        "Aiza\tK.",
        "Aiza\u2028K.",  # line separator
        "Aiza\x00",
    ],
)
def test_invisible_bidi_and_line_break_characters_are_refused(name):
    assert _code(name) == "invisible_characters"


def test_a_cyrillic_look_alike_of_a_taken_name_is_refused():
    UserFactory(display_name="Aiza")
    assert _code("\u0410iza") == "name_taken"  # Cyrillic А
    assert _code("aiza") == "name_taken"
    assert _code("Ａiza") == "name_taken"


def test_cyrillic_a_and_latin_a_give_the_same_skeleton():
    assert name_skeleton("Malika") == name_skeleton("M\u0430lika")
    assert name_skeleton("Malika") != name_skeleton("Malikat")


def test_a_member_keeps_their_own_name_when_saving_the_profile():
    aiza = UserFactory(display_name="Aiza")
    assert display_name_clean("Aiza", user=aiza) == "Aiza"


@pytest.mark.parametrize(
    "name",
    ["Moderator Aiza", "Alliance Support", "admin1", "Мoderator", "Модератор Айжан", "Администратор", "مدیر سایت"],
)
def test_staff_words_are_refused_for_members(name):
    assert _code(name, user=UserFactory()) == "reserved_name"


def test_staff_words_are_allowed_for_moderators():
    moderator = UserFactory(role=Role.MODERATOR)
    assert display_name_clean("Moderator Aiza", user=moderator) == "Moderator Aiza"


def test_an_ordinary_word_that_contains_a_short_staff_word_is_allowed():
    assert display_name_clean("Badminton coach") == "Badminton coach"


def test_mention_characters_are_refused():
    assert _code("Aiza [team]") == "mention_characters"


def test_the_database_refuses_two_look_alike_names_even_without_the_form():
    UserFactory(display_name="Malika")
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(display_name="M\u0430lika")


def test_the_application_form_refuses_a_look_alike_of_a_member(db):
    UserFactory(display_name="Dr. Nodira")
    response = Client().post(
        "/accounts/signup/",
        {
            "email": "impostor@example.org",
            "display_name": "Dr. N\u043edira",  # Cyrillic о
            "organisation": "Legal aid clinic",
            "country": Country.objects.get(slug="tj").pk,
            "role_in_organisation": "Lawyer",
            "motivation": "To join.",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 200
    assert "looks too much like another member" in response.content.decode()
    assert not User.objects.filter(email="impostor@example.org").exists()


def test_the_profile_form_refuses_a_staff_word_and_an_invisible_character(member_client, member):
    for name in ("Support desk", "Mem\u200bber"):
        response = member_client.post("/accounts/profile/", {"display_name": name})
        assert response.status_code == 200
        member.refresh_from_db()
        assert member.display_name != name


def test_the_migration_keeps_the_first_name_and_suffixes_later_look_alikes():
    first = UserFactory(display_name="Zarina")
    later = UserFactory(display_name="Zarina K")
    # As before the migration: no skeletons yet, a look-alike name already stored.
    User.objects.filter(pk=later.pk).update(display_name="Z\u0430rina")
    User.objects.update(name_skeleton="")
    migration = importlib.import_module("accounts.migrations.0010_display_name_skeleton_without_blanks_and_marks")
    migration.compute_skeletons(apps, None)
    first.refresh_from_db()
    later.refresh_from_db()
    assert first.display_name == "Zarina"
    assert later.display_name == "Z\u0430rina (2)"
    assert first.name_skeleton == name_skeleton("Zarina")
    assert later.name_skeleton == name_skeleton("Z\u0430rina (2)")


LOOK_ALIKES_OF_MALIKA = [
    "MALIKA",
    "\uff2d\uff21\uff2c\uff29\uff2b\uff21",
    "Mal1ka",
    "Mal\u0131ka",
    "Malika\u0307",
    "Ma\u034flika",
    "Malika\u2800",
    "Malika\u3164",
    "Ma\u1160lika",
    "Mali\u17b4ka",
    "Malika\ufe0f",
]


@pytest.mark.parametrize("name", LOOK_ALIKES_OF_MALIKA)
def test_a_name_drawn_with_blanks_accents_or_digits_is_refused_as_a_look_alike(name):
    UserFactory(display_name="Malika")
    with pytest.raises(ValidationError):
        display_name_clean(name)


@pytest.mark.parametrize(
    "name", ["\u1d0d\u1d0f\u1d05\u1d07\u0280\u1d00\u1d1b\u1d0f\u0280", "M0derator", "Alliance Hub", "Secretariat"]
)
def test_staff_words_in_small_capitals_digits_or_the_hubs_name_are_kept_for_staff(name):
    with pytest.raises(ValidationError):
        display_name_clean(name)


def test_the_migration_computes_the_same_skeletons_as_the_application():
    migration = importlib.import_module("accounts.migrations.0010_display_name_skeleton_without_blanks_and_marks")
    skeleton = migration._skeleton_function()
    names = (
        "Aiza",
        "\u0410iza",
        "Модератор",
        "Ilya",
        "Айжан Н.",
        "مدیر",
        "Ｍember 1",
        "Nodíra",
        *LOOK_ALIKES_OF_MALIKA,
    )
    for name in names:
        assert skeleton(name) == name_skeleton(name)
