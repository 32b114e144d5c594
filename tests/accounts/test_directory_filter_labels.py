"""The member lists' filters name their empty choice in words, as the forum's and library's do."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_member_directory_filters_offer_all_instead_of_dashes(member_client):
    page = member_client.get("/members/").content.decode()
    assert "---------" not in page
    for empty in ("All countries", "All languages", "All areas of expertise"):
        assert f'<option value="">{empty}</option>' in page


def test_the_moderators_member_list_filters_offer_all_instead_of_dashes():
    from accounts.filters import ModerationMemberFilter

    form = ModerationMemberFilter(data={}).form
    assert [next(iter(form.fields[name].choices))[1] for name in ("role", "status", "country")] == [
        "All roles",
        "All statuses",
        "All countries",
    ]
