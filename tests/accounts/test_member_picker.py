"""The member picker: members only, any part of a name in any script, nothing but id, name
and initial, active members only, rate limited, a constant number of queries."""

import pytest
from django.test import Client

from accounts.models import Role, Status
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/members/autocomplete/"


def _names(response) -> list[str]:
    return [result["name"] for result in response.json()["results"]]


def test_a_middle_part_of_a_cyrillic_name_finds_the_member_in_any_case(member_client):
    UserFactory(display_name="Айжан Нурлановна Сейткали")
    assert _names(member_client.get(URL, {"q": "НУРЛАН"})) == ["Айжан Нурлановна Сейткали"]
    assert _names(member_client.get(URL, {"q": "нурлан"})) == ["Айжан Нурлановна Сейткали"]


def test_a_part_of_a_latin_name_finds_the_member(member_client):
    UserFactory(display_name="Dr. Nodira")
    assert _names(member_client.get(URL, {"q": "nod"})) == ["Dr. Nodira"]


def test_the_answer_holds_only_id_name_and_initial(member_client):
    person = UserFactory(display_name="Malika", organisation="Secret shelter", show_organisation=True)
    result = member_client.get(URL, {"q": "Mal"}).json()["results"]
    assert result == [{"id": person.pk, "name": "Malika", "initial": "M"}]
    assert "Secret shelter" not in member_client.get(URL, {"q": "Mal"}).content.decode()


def test_suspended_pending_and_rejected_people_are_never_suggested(member_client):
    UserFactory(display_name="Shahlo Suspended", status=Status.SUSPENDED)
    UserFactory(display_name="Shahlo Pending", role=Role.APPLICANT, status=Status.PENDING)
    UserFactory(display_name="Shahlo Rejected", role=Role.APPLICANT, status=Status.REJECTED)
    UserFactory(display_name="Shahlo Active")
    assert _names(member_client.get(URL, {"q": "shahlo"})) == ["Shahlo Active"]


def test_the_viewer_is_not_suggested_to_themselves(member_client, member):
    assert member.pk not in [r["id"] for r in member_client.get(URL, {"q": member.display_name}).json()["results"]]


@pytest.mark.parametrize("status", [Status.SUSPENDED, Status.PENDING, Status.REJECTED])
def test_suspended_pending_and_rejected_accounts_get_no_names(status):
    UserFactory(display_name="Gulnara Visible")
    viewer = UserFactory(status=status, role=Role.APPLICANT if status != Status.SUSPENDED else Role.MEMBER)
    client = Client()
    client.force_login(viewer)
    response = client.get(URL, {"q": "Gul"})
    assert "Gulnara" not in response.content.decode()


def test_anonymous_visitors_get_no_names():
    UserFactory(display_name="Gulnara Visible")
    response = Client().get(URL, {"q": "Gul"})
    assert response.status_code == 302
    assert "Gulnara" not in response.content.decode()


def test_the_picker_is_rate_limited_per_member(member_client, settings):
    settings.RATE_LIMITS = {"member_picker": (3, 60)}
    for _ in range(3):
        assert member_client.get(URL, {"q": "a"}).status_code == 200
    refused = member_client.get(URL, {"q": "a"})
    assert refused.status_code == 429 and refused.json()["results"] == []


def test_the_picker_answers_in_a_constant_number_of_queries(member_client, django_assert_num_queries):
    member_client.get(URL, {"q": "Member"})
    for n in range(12):
        UserFactory(display_name=f"Member extra {n}")
    # The session's user, then the one search query.
    with django_assert_num_queries(2):
        assert len(member_client.get(URL, {"q": "member"}).json()["results"]) == 10
