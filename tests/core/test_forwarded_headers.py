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


def test_the_server_command_trusts_proxy_headers_only_from_the_configured_addresses():
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    serve = makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]
    assert "--proxy-headers" in serve
    assert '--forwarded-allow-ips "$(FORWARDED_ALLOW_IPS)"' in serve
    assert "FORWARDED_ALLOW_IPS ?= 127.0.0.1" in makefile
