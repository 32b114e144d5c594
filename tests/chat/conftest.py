import pytest
from asgiref.sync import SyncToAsync
from django.db import connections


@pytest.fixture(autouse=True)
def _generous_rate_limit(settings):
    # Tests that set up many messages should not trip the flood limit; rate-limit tests lower it.
    settings.CHAT_RATE_BURST = 10_000


@pytest.fixture(autouse=True)
def _close_connections_of_the_async_thread():
    # Consumers reach the database from sync_to_async's worker thread; its connection would
    # otherwise stay open and keep PostgreSQL from dropping the test database at the end.
    yield
    from chat.consumers import SOCKET_EXECUTORS

    for executor in [SyncToAsync.single_thread_executor, *SOCKET_EXECUTORS]:
        executor.submit(connections.close_all).result(timeout=10)
