"""The library keeps the search index in step: what the library shows is what search finds."""

import pytest

from resources import services
from search.selectors import search

from .factories import make_resource, pdf_upload

pytestmark = pytest.mark.django_db


def found(user, query: str) -> list[str]:
    return [result.document.title for result in search(user, query).results]


def test_a_published_resource_is_found_by_its_summary(expert, member):
    make_resource(author=expert, title="Shelter standards", summary="Minimum standards for women's shelters")
    assert found(member, "shelters") == ["Shelter standards"]


def test_a_resource_in_review_is_not_found(member, other_member):
    make_resource(author=member, title="Shelter standards", summary="Minimum standards for shelters")
    assert found(other_member, "shelters") == []


def test_an_approved_resource_becomes_findable(member, other_member, moderator):
    resource = make_resource(author=member, title="Shelter standards", summary="Minimum standards for shelters")
    services.resource_approve(actor=moderator, resource=resource)
    assert found(other_member, "shelters") == ["Shelter standards"]


def test_an_archived_resource_stops_being_found(expert, member, moderator):
    resource = make_resource(author=expert, title="Shelter standards", summary="Minimum standards for shelters")
    services.resource_archive(actor=moderator, resource=resource, reason="Outdated")
    assert found(member, "shelters") == []


def test_the_text_of_the_files_is_found(expert, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_resource(
            author=expert,
            title="Toolkit",
            summary="For crisis centres",
            uploads=[pdf_upload(title="Interagency referral pathway")],
        )
    assert found(member, "interagency") == ["Toolkit"]
