import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    # Messages are checked in English; a Russian request in an earlier test leaves Russian
    # active in the worker's thread.
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _no_office_conversion(settings):
    # A LibreOffice conversion takes seconds: only the tests that ask for one (the
    # ``libreoffice`` fixture, or tests.resources.office_files.fake_soffice) run it.
    settings.RESOURCES_SOFFICE = "/nonexistent/soffice"


@pytest.fixture
def libreoffice(_no_office_conversion, settings):
    """The machine's LibreOffice; skipped loudly without it, failed when REQUIRE_OFFICE=1."""
    from .office_files import require_libreoffice

    settings.RESOURCES_SOFFICE = "soffice"
    require_libreoffice()
