"""A published resource's preview picture is kept by the browser under a hashed address;
anything unpublished, or asked for under another address, stays no-store. Access is checked on
every request either way."""

import pytest
from django.test import Client

from resources import services
from resources.models import FileVersion
from resources.thumbnails import thumbnail_generate
from tests.factories import UserFactory

from .factories import make_resource, pdf_upload

pytestmark = pytest.mark.django_db

KEPT = "private, max-age=31536000, immutable"


def version_with_preview(**kwargs) -> FileVersion:
    resource = make_resource(uploads=[pdf_upload()], **kwargs)
    version = FileVersion.objects.get(file__resource=resource)
    assert thumbnail_generate(version.pk)
    version.refresh_from_db()
    return version


def test_a_published_preview_is_kept_by_the_browser_under_its_hashed_address(member_client):
    version = version_with_preview()
    response = member_client.get(version.get_thumbnail_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == KEPT
    assert "Expires" not in response


def test_the_resource_page_links_the_hashed_address(member_client):
    version = version_with_preview()
    page = member_client.get(version.file.resource.get_absolute_url(), follow=True).content.decode()
    assert f'src="{version.get_thumbnail_url()}"' in page


def test_the_address_without_the_hash_or_with_an_old_one_is_not_kept(member_client):
    version = version_with_preview()
    base = version.get_thumbnail_url().split("?")[0]
    for url in (base, f"{base}?v=0123456789abcdef", f"{base}?v=", f"{base}?v=%00<script>"):
        response = member_client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"], url


def test_a_regenerated_preview_gets_a_new_address():
    version = version_with_preview()
    before = version.get_thumbnail_url()
    version.thumbnail.name = "thumbs/another.png"
    assert version.get_thumbnail_url() != before


def test_a_draft_preview_is_never_kept_even_for_its_owner(client):
    owner = UserFactory(role="expert")
    version = version_with_preview(author=owner, submit=False)
    assert version.file.resource.state != "published"
    client.force_login(owner)
    response = client.get(version.get_thumbnail_url())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_an_archived_resource_preview_stops_being_kept(member_client, moderator):
    version = version_with_preview()
    url = version.get_thumbnail_url()
    services.resource_archive(resource=version.file.resource, actor=moderator, reason="outdated")
    response = Client().get(url)
    assert response.status_code == 302  # anonymous: to the login page, nothing cached
    assert member_client.get(url).status_code == 404


def test_another_members_draft_preview_is_not_found_under_the_hashed_address(member_client):
    version = version_with_preview(submit=False)
    response = member_client.get(version.get_thumbnail_url())
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]
