import pytest

from accounts.models import Role
from taxonomy.models import Country
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", ["pending", "suspended", "rejected"])
def test_inactive_accounts_see_only_their_status_page(client, status):
    person = UserFactory(status=status, role=Role.APPLICANT if status == "pending" else Role.MEMBER)
    client.force_login(person)
    for path in ["/", "/forum/", "/members/", "/moderation/", "/resources/"]:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "/accounts/status/", path
    assert client.get("/accounts/status/").status_code == 200


def test_the_directory_never_shows_email_addresses(member_client, other_member):
    body = member_client.get("/members/").content.decode()
    assert other_member.display_name in body
    assert other_member.email not in body
    assert other_member.email not in member_client.get(f"/members/{other_member.pk}/").content.decode()


def test_the_directory_respects_hidden_organisation_and_country(member_client):
    private = UserFactory(
        display_name="Quiet One",
        organisation="Secret Shelter",
        show_organisation=False,
        show_country=False,
        country=Country.objects.get(slug="tm"),
    )
    body = member_client.get("/members/").content.decode()
    assert "Quiet One" in body and "Secret Shelter" not in body
    detail = member_client.get(f"/members/{private.pk}/").content.decode()
    assert "Secret Shelter" not in detail and "Turkmenistan" not in detail


def test_filtering_by_country_cannot_reveal_a_hidden_country(member_client):
    UserFactory(display_name="Hidden TM", country=Country.objects.get(slug="tm"), show_country=False)
    UserFactory(display_name="Visible TM", country=Country.objects.get(slug="tm"))
    body = member_client.get("/members/", {"country": Country.objects.get(slug="tm").pk}).content.decode()
    assert "Visible TM" in body and "Hidden TM" not in body


def test_searching_by_organisation_ignores_hidden_organisations(member_client):
    UserFactory(display_name="Hidden Org", organisation="Crisis Centre Nur", show_organisation=False)
    body = member_client.get("/members/", {"q": "Nur"}).content.decode()
    assert "Hidden Org" not in body


def test_pending_and_suspended_people_are_not_in_the_directory(member_client):
    UserFactory(display_name="Applicant Person", role=Role.APPLICANT, status="pending")
    UserFactory(display_name="Suspended Person", status="suspended")
    body = member_client.get("/members/").content.decode()
    assert "Applicant Person" not in body and "Suspended Person" not in body


def test_the_directory_uses_the_same_number_of_queries_for_3_and_30_members(member_client, django_assert_num_queries):
    UserFactory.create_batch(2)
    member_client.get("/members/")  # the first request of a session records it (allauth user sessions)
    with django_assert_num_queries(QUERIES_DIRECTORY):
        member_client.get("/members/")
    UserFactory.create_batch(27)
    with django_assert_num_queries(QUERIES_DIRECTORY):
        response = member_client.get("/members/")
    assert response.status_code == 200


# user, the page of members, their expertise (a prefetch) and the notification bell; the
# filter choices (countries, languages, themes) come from the cache the first request filled.
QUERIES_DIRECTORY = 4


def test_the_directory_pages_with_a_cursor(member_client):
    UserFactory.create_batch(60)
    first = member_client.get("/members/")
    assert first.context["page"].next_cursor
    second = member_client.get("/members/", {"after": first.context["page"].next_cursor})
    first_ids = {m.pk for m in first.context["page"].items}
    second_ids = {m.pk for m in second.context["page"].items}
    assert second_ids and not (first_ids & second_ids)


def test_a_broken_cursor_shows_the_first_page(member_client):
    response = member_client.get("/members/", {"after": "%%%not-base64"})
    assert response.status_code == 200


def test_mention_autocomplete_returns_names_only(member_client):
    gulnara = UserFactory(display_name="Gulnara K.")
    response = member_client.get("/members/autocomplete/", {"q": "Gul"})
    assert response.json() == {"results": [{"id": gulnara.pk, "name": "Gulnara K.", "initial": "G"}]}


def test_a_member_edits_their_profile_and_privacy(member_client, member):
    response = member_client.post(
        "/accounts/profile/",
        {
            "display_name": "New Name",
            "organisation": "Org",
            "country": Country.objects.get(slug="kg").pk,
            "role_in_organisation": "Lawyer",
            "bio": "",
            "show_country": "",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.display_name == "New Name" and member.show_country is False and member.show_organisation is False


def test_an_empty_display_name_is_refused_with_a_message(member_client, member):
    response = member_client.post("/accounts/profile/", {"display_name": "", "organisation": "Org"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
