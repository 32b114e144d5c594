"""Light mode: no images or previews until asked and no optional scripts, per member (profile)
or per browser session (footer switch)."""

import pytest

from resources.models import FileVersion
from resources.thumbnails import thumbnail_generate
from tests.factories import UserFactory
from tests.forum.factories import thread
from tests.resources.factories import make_resource

pytestmark = pytest.mark.django_db


def _resource_page(client):
    resource = make_resource()
    version = FileVersion.objects.get(file__resource=resource)
    thumbnail_generate(version.pk)
    version.refresh_from_db()
    return client.get(resource.get_absolute_url()).text, version


def test_by_default_the_preview_image_loads(member_client):
    page, version = _resource_page(member_client)
    assert f'<img src="{version.get_thumbnail_url()}"' in page


def test_in_light_mode_the_preview_waits_to_be_asked_for(member_client):
    member_client.post("/light-mode/", {"light": "on", "next": "/"})
    page, version = _resource_page(member_client)
    assert "<img" not in page
    assert f'<a href="{version.get_thumbnail_url()}">' in page


def test_in_light_mode_the_forum_loads_no_optional_script(member_client, member):
    made = thread(member)
    assert "forum/forum.js" in member_client.get(made.get_absolute_url(), follow=True).text
    member_client.post("/light-mode/", {"light": "on", "next": "/"})
    page = member_client.get(made.get_absolute_url(), follow=True).text
    assert "forum/forum.js" not in page and "jsi18n" not in page
    assert 'class="light-mode"' in page


def test_the_profile_setting_turns_it_on_for_every_session_until_the_session_says_otherwise(client):
    member = UserFactory(light_mode=True)
    client.force_login(member)
    assert 'class="light-mode"' in client.get("/").text
    client.post("/light-mode/", {"light": "off", "next": "/"})
    assert 'class="light-mode"' not in client.get("/").text


def test_anonymous_visitors_can_use_it_on_the_login_page(client):
    response = client.post("/light-mode/", {"light": "on", "next": "/accounts/login/"})
    assert response["Location"] == "/accounts/login/"
    assert 'class="light-mode"' in client.get("/accounts/login/").text


def test_the_switch_never_redirects_off_site(member_client):
    response = member_client.post("/light-mode/", {"light": "on", "next": "https://evil.example.com/"})
    assert response["Location"] == "/"
