"""The translation catalogue is cached by the browser under a hashed address, unlike pages."""

import pytest
from django.urls import reverse
from django.utils import translation

from core import js_catalog

pytestmark = pytest.mark.django_db


def test_the_catalogue_address_carries_its_language_and_content_hash():
    url = js_catalog.catalog_url("ru")
    content, digest = js_catalog._build("ru")
    assert url == f"/jsi18n/ru/{digest}.js"
    assert js_catalog.catalog_url("en") != url


def test_the_catalogue_is_kept_a_year_by_the_browser_alone(client):
    response = client.get(js_catalog.catalog_url("ru"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "private, max-age=31536000, immutable"
    assert "no-store" not in response["Cache-Control"]
    assert not response.cookies


def test_the_catalogue_is_the_one_of_its_language(client):
    # The Russian catalogue holds the Russian strings whatever language the visitor chose.
    russian = client.get(js_catalog.catalog_url("ru")).content
    english = client.get(js_catalog.catalog_url("en")).content
    assert russian != english
    with translation.override("ru"):
        expected = client.get(reverse("javascript-catalog"), HTTP_ACCEPT_LANGUAGE="ru").content
    assert russian == expected


def test_an_old_hash_is_sent_to_the_current_address_uncached(client):
    response = client.get("/jsi18n/ru/0123456789abcdef.js")
    assert response.status_code == 302
    assert response["Location"] == js_catalog.catalog_url("ru")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/jsi18n/xx/0123456789abcdef.js", "/jsi18n/..%2F/abc.js", "/jsi18n/ru%00/abc.js"])
def test_an_unknown_language_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_pages_load_the_catalogue_by_its_hashed_address(member_client):
    page = member_client.get("/chat/").content.decode()
    assert f'<script src="{js_catalog.catalog_url("en")}" defer>' in page
    assert 'src="/jsi18n/"' not in page
