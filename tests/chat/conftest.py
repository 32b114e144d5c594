import pytest


@pytest.fixture(autouse=True)
def _generous_rate_limit(settings):
    # Tests that set up many messages should not trip the flood limit; rate-limit tests lower it.
    settings.CHAT_RATE_BURST = 10_000
