"""The hub on a phone's home screen: manifest, service worker and the offline page."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image

from accounts.models import Role
from core import pwa
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STATIC_DIR = Path(settings.BASE_DIR) / "static"


def _css_colour(name: str) -> str:
    css = (STATIC_DIR / "css/app.css").read_text()
    return re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}})", css).group(1).lower()


def _precached(source: str) -> list[str]:
    offline = json.loads(re.search(r"const OFFLINE_URL = (.+);", source).group(1))
    static_urls = json.loads(re.search(r"const STATIC_URLS = (.+);", source).group(1))
    return [offline, *static_urls]


def test_manifest_is_json_with_the_manifest_content_type(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    manifest = json.loads(response.content)
    assert manifest["name"] == settings.SITE_NAME
    assert manifest["short_name"] and len(manifest["short_name"]) <= 12
    assert manifest["start_url"] == "/"
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == _css_colour("brand")
    assert manifest["background_color"] == _css_colour("wash")


def test_manifest_follows_the_language(client):
    manifest = client.get("/manifest.webmanifest", headers={"accept-language": "ru"}).json()
    assert manifest["lang"] == "ru"
    assert manifest["dir"] == "ltr"


def test_manifest_icons_exist_with_their_declared_sizes_and_one_is_maskable(client):
    icons = client.get("/manifest.webmanifest").json()["icons"]
    assert {icon["sizes"] for icon in icons} >= {"192x192", "512x512"}
    assert any(icon["purpose"] == "maskable" for icon in icons)
    for icon in icons:
        assert icon["type"] == "image/png"
        path = STATIC_DIR / icon["src"].removeprefix(settings.STATIC_URL)
        with Image.open(path) as image:
            assert image.format == "PNG"
            assert f"{image.width}x{image.height}" == icon["sizes"]


def test_manifest_and_icons_have_no_telling_words():
    names = " ".join(path.name for path in (STATIC_DIR / "pwa").iterdir()).lower()
    for word in ("violence", "gbv", "abuse", "gender"):
        assert word not in names


def test_service_worker_headers(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]


def test_service_worker_precaches_only_the_offline_page_and_static_files(client):
    source = client.get("/sw.js").content.decode()
    precached = _precached(source)
    assert precached[0] == reverse("offline")
    assert all(url.startswith(settings.STATIC_URL) for url in precached[1:])
    assert any(url.endswith(".css") for url in precached)
    for member_url in ("/forum/", "/resources/", "/chat/", "/members/", "/search/", "/notifications/"):
        assert all(not url.startswith(member_url) for url in precached)
    # The page itself is never put in a cache: only the install step writes to one.
    assert source.count("cache.addAll(") == 1
    assert ".put(" not in source


def test_service_worker_deletes_caches_of_old_versions(client):
    source = client.get("/sw.js").content.decode()
    assert 'addEventListener("activate"' in source
    assert "caches.delete(" in source


def test_service_worker_version_follows_its_precache(client, monkeypatch):
    first = re.search(r"const CACHE_NAME = (.+);", client.get("/sw.js").content.decode()).group(1)
    pwa._precache.cache_clear()
    monkeypatch.setattr(pwa, "SERVICE_WORKER_REVISION", "next")
    try:
        second = re.search(r"const CACHE_NAME = (.+);", client.get("/sw.js").content.decode()).group(1)
    finally:
        pwa._precache.cache_clear()
    assert first != second


def test_offline_page_is_public_keeps_the_quick_exit_and_is_not_stored(client):
    response = client.get("/offline/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "cannot be reached right now" in body
    assert "Nothing from the hub is kept on this device" in body
    assert "Try again" in body
    assert "data-quick-exit" in body and "js/quick-exit.js" in body
    assert f'data-exit-url="{settings.QUICK_EXIT_URL}"' in body
    assert "no-store" in response["Cache-Control"]


def test_offline_page_has_no_inline_script_and_keeps_the_csp(client):
    response = client.get("/offline/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", response.content.decode())


@pytest.mark.parametrize("role", [Role.MEMBER, Role.MODERATOR])
def test_offline_page_holds_nothing_about_the_person(client, role):
    person = UserFactory(role=role, display_name="Zarina Unique-Name")
    client.force_login(person)
    response = client.get("/offline/")
    body = response.content.decode()
    assert response.status_code == 200
    for private in (person.display_name, person.email, "csrfmiddlewaretoken", "Log out", "data-unread"):
        assert private not in body
    assert "/forum/" not in body and "/moderation/" not in body


def test_offline_page_is_translated(client):
    body = client.get("/offline/", headers={"accept-language": "ru"}).content.decode()
    assert 'lang="ru"' in body


def test_base_layout_links_the_manifest_icons_and_the_worker_registration(client):
    body = client.get(reverse("account_login")).content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in body
    assert f'<meta name="theme-color" content="{_css_colour("brand")}">' in body
    assert 'rel="apple-touch-icon"' in body
    assert re.search(r'<script src="[^"]*pwa/register\.js" data-sw-url="/sw\.js" defer></script>', body)


def test_registration_is_skipped_without_service_workers():
    source = (STATIC_DIR / "pwa/register.js").read_text()
    assert '!("serviceWorker" in navigator)' in source


def test_member_pages_stay_no_store_with_the_worker_in_place(member_client):
    for path in ("/", "/forum/", "/members/"):
        assert "no-store" in member_client.get(path)["Cache-Control"]
