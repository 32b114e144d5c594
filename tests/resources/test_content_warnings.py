import pytest

from .factories import make_resource

pytestmark = pytest.mark.django_db


def test_the_library_list_collapses_a_warned_summary(member_client):
    make_resource(title="Case studies", summary="Accounts of violence in detail", content_warning="graphic accounts")
    page = member_client.get("/resources/").content.decode()
    start = page.index('<details class="content-warning resource-card__warning">')
    assert "graphic accounts" in page[start : page.index("</summary>", start)]
    assert page.index("Accounts of violence in detail") > start


def test_the_library_list_shows_other_summaries_open(member_client):
    make_resource(title="Shelter standards", summary="Minimum standards for shelters")
    page = member_client.get("/resources/").content.decode()
    assert "resource-card__warning" not in page
    assert "Minimum standards for shelters" in page


def test_the_detail_page_collapses_a_warned_resource(member_client):
    resource = make_resource(title="Case studies", content_warning="graphic accounts")
    page = member_client.get(resource.get_absolute_url()).content.decode()
    assert "<details" in page and "Content warning: graphic accounts" in page
