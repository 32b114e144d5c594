"""Machine suggestions against a small local fake LibreTranslate server that the test starts
(``FakeLibreTranslate``): the HTTP contract, the address rule and the confirmation step."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import checks
from django.urls import reverse

from translations import machine
from translations.models import Translation

from .helpers import opening, russian_thread, speaker

pytestmark = pytest.mark.django_db


class FakeLibreTranslate:
    """A local stand-in for a LibreTranslate server: answers POST /translate and records what
    it was sent."""

    def __init__(self, status=200):
        self.requests = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append((self.path, body))
                answer = json.dumps({"translatedText": f"[{body['target']}] {body['q']}"}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def test_suggest_follows_the_libretranslate_contract(settings):
    with FakeLibreTranslate() as server:
        settings.TRANSLATION_URL = server.url
        assert machine.suggest("Привет", source="ru", target="fa-af") == "[fa] Привет"
    path, body = server.requests[0]
    assert path == "/translate"
    assert body == {"q": "Привет", "source": "ru", "target": "fa", "format": "text"}


def test_a_server_error_gives_no_suggestion(settings):
    with FakeLibreTranslate(status=500) as server:
        settings.TRANSLATION_URL = server.url
        with pytest.raises(machine.Unavailable):
            machine.suggest("Привет", source="ru", target="ky")


def test_public_addresses_are_refused_unless_allowed(settings):
    assert machine.address_problem("http://127.0.0.1:5000") == ""
    assert machine.address_problem("http://10.0.0.5:5000") == ""
    assert "public" in machine.address_problem("http://8.8.8.8/")
    assert machine.address_problem("http://8.8.8.8/", allow_public=True) == ""
    assert machine.address_problem("file:///etc/passwd")
    settings.TRANSLATION_URL = "http://8.8.8.8/"
    with pytest.raises(machine.Unavailable):
        machine.suggest("Привет", source="ru", target="ky")
    assert [error.id for error in checks.run_checks() if error.id.startswith("translations")] == ["translations.E001"]


def test_off_by_default(client, settings):
    settings.TRANSLATION_URL = ""
    thread = russian_thread()
    client.force_login(speaker("ky"))
    page = client.get(reverse("translations:translate", args=["forum.post", opening(thread).pk])).content.decode()
    assert "Suggest a translation" not in page


def test_a_suggestion_prefills_the_form_and_needs_a_persons_confirmation(client, settings):
    thread = russian_thread()
    client.force_login(speaker("ky"))
    url = reverse("translations:translate", args=["forum.post", opening(thread).pk])
    with FakeLibreTranslate() as server:
        settings.TRANSLATION_URL = server.url
        page = client.get(url).content.decode()
        assert "Suggest a translation" in page
        page = client.post(url, {"language": "ky", "title": "", "body": "", "suggest": "1"}).content.decode()
    assert "[ky] " in page and "corrected it where needed" in page
    assert not Translation.objects.exists()
    # Publishing without the confirmation is refused, and what was typed stays.
    data = {"language": "ky", "title": "Аталыш оңдолду", "body": "Оңдолгон текст", "machine_suggested": "1"}
    response = client.post(url, data)
    assert response.status_code == 200 and "Оңдолгон текст" in response.content.decode()
    assert not Translation.objects.exists()
    response = client.post(url, {**data, "confirmed": "on"})
    assert response.status_code == 302
    translation = Translation.objects.get()
    assert translation.machine_suggested and translation.checked_by_person
