import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    # Messages are checked in English; a Russian request in an earlier test leaves Russian
    # active in the worker's thread.
    with translation.override("en"):
        yield
