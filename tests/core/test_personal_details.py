import pytest

from core.personal_details import EMAIL, ID_NUMBER, PHONE, find_personal_details


@pytest.mark.parametrize(
    "text",
    [
        "Call her on +7 701 123 45 67",
        "8 (701) 123-45-67",
        "0555 12 34 56",
        "+996555123456",
        "+998 90 123 45 67",
        "87011234567",
        "+992 93 123 4567",
    ],
)
def test_phone_numbers_in_the_regions_formats_are_found(text):
    assert find_personal_details(text) == [PHONE]


@pytest.mark.parametrize("text", ["IIN 900101300123", "passport N12345678", "паспорт AB 1234567"])
def test_id_like_numbers_are_found(text):
    assert find_personal_details(text) == [ID_NUMBER]


def test_email_addresses_are_found():
    assert find_personal_details("write to aigul.k+work@example.kz") == [EMAIL]


def test_every_kind_is_listed_once_in_a_fixed_order():
    text = "a@b.org, +7 701 123 45 67, 900101300123, +996 555 123 456"
    assert find_personal_details(text) == [PHONE, ID_NUMBER, EMAIL]


@pytest.mark.parametrize(
    "text",
    [
        "Meeting on 2024-01-15 at 10:00",
        "Deadline 15.01.2024",
        "A budget of 10 000 000 som",
        "Data from 1995-2005",
        "The national hotline is 150",
        "Article 120 of the code",
        "",
    ],
)
def test_dates_amounts_and_short_numbers_are_not_flagged(text):
    assert find_personal_details(text) == []


def test_hostile_input_is_handled_quickly():
    # A long run of separators must not make the patterns backtrack for ever.
    assert find_personal_details("1 " * 5000 + "x") == []
    assert find_personal_details("-" * 20000) == []
