import pytest
from allauth.account.adapter import get_adapter
from django.http import HttpResponse
from django.test import RequestFactory

from core.proxy import UntrustedForwardedHeadersMiddleware

SEEN = {}


def _through_middleware(remote_addr: str, **headers):
    def view(request):
        SEEN["ip"] = get_adapter().get_client_ip(request)
        SEEN["secure"] = request.is_secure()
        return HttpResponse()

    request = RequestFactory().get("/", REMOTE_ADDR=remote_addr, headers=headers)
    UntrustedForwardedHeadersMiddleware(view)(request)
    return SEEN


@pytest.fixture(autouse=True)
def _proxy_settings(settings):
    settings.FORWARDED_ALLOW_IPS = ["127.0.0.1", "10.0.0.0/8"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def test_x_forwarded_for_from_a_peer_that_is_not_a_proxy_is_ignored():
    seen = _through_middleware("203.0.113.9", x_forwarded_for="198.51.100.1", x_forwarded_proto="https")
    assert seen["ip"] == "203.0.113.9"
    assert seen["secure"] is False


def test_forwarding_headers_from_a_configured_proxy_are_believed():
    seen = _through_middleware("10.1.2.3", x_forwarded_for="198.51.100.1", x_forwarded_proto="https")
    assert seen["ip"] == "198.51.100.1"
    assert seen["secure"] is True


def test_the_project_runs_the_check_before_any_other_middleware(settings):
    from config import settings as project_settings

    assert project_settings.MIDDLEWARE[0] == "core.proxy.UntrustedForwardedHeadersMiddleware"
    assert project_settings.FORWARDED_ALLOW_IPS == ["127.0.0.1"]


def _recipe(makefile: str, target: str) -> str:
    return makefile.split(f"\n{target}:", 1)[1].split("\n\n", 1)[0]


def test_the_server_commands_trust_proxy_headers_only_from_the_configured_addresses():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    makefile = (root / "Makefile").read_text()
    for target in ("serve-single", "serve-sockets"):
        recipe = _recipe(makefile, target)
        assert "--proxy-headers" in recipe
        assert '--forwarded-allow-ips "$(FORWARDED_ALLOW_IPS)"' in recipe
    pages = _recipe(makefile, "serve-pages")
    assert 'FORWARDED_ALLOW_IPS="$(FORWARDED_ALLOW_IPS)"' in pages and "--config config/gunicorn.py" in pages
    assert "FORWARDED_ALLOW_IPS ?= 127.0.0.1" in makefile


def test_gunicorn_takes_its_address_workers_and_proxies_from_the_environment(monkeypatch):
    import importlib

    monkeypatch.setenv("HOST", "0.0.0.0")
    monkeypatch.setenv("PORT", "9100")
    monkeypatch.setenv("WORKERS", "3")
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "10.0.0.5")
    from config import gunicorn

    config = importlib.reload(gunicorn)
    assert (config.bind, config.workers, config.forwarded_allow_ips) == ("0.0.0.0:9100", 3, "10.0.0.5")
    assert config.worker_class == "sync"


@pytest.mark.parametrize(
    "forwarded_for,client",
    [
        ("198.51.100.1", "198.51.100.1"),
        # A client's own header is kept by the proxy, which appends the address it saw.
        ("203.0.113.66, 198.51.100.1", "198.51.100.1"),
        # Through two of our proxies: the nearest address that is not one of ours.
        ("198.51.100.1, 10.0.0.7", "198.51.100.1"),
        ("not-an-address", "10.1.2.3"),
        ("", "10.1.2.3"),
    ],
)
def test_behind_our_proxy_the_clients_address_comes_from_x_forwarded_for(settings, forwarded_for, client):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0  # production: allauth reads REMOTE_ADDR
    headers = {"x_forwarded_for": forwarded_for} if forwarded_for else {}
    assert _through_middleware("10.1.2.3", **headers)["ip"] == client


def test_a_client_talking_to_us_directly_keeps_its_own_address(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    assert _through_middleware("203.0.113.9", x_forwarded_for="198.51.100.1")["ip"] == "203.0.113.9"
