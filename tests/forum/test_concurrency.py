from concurrent.futures import ThreadPoolExecutor

from django.db import close_old_connections, connection

from forum import services
from forum.models import Post, Thread
from tests.factories import UserFactory
from tests.forum import factories
from tests.helpers import LIVE_DB

pytestmark = LIVE_DB


def test_concurrent_replies_get_distinct_positions_and_exact_counters():
    authors = [UserFactory() for _ in range(6)]
    thread = factories.thread(authors[0])

    def reply(author):
        try:
            return services.post_create(author=author, thread=thread, body=f"Reply from {author.display_name}").position
        finally:
            close_old_connections()
            connection.close()

    with ThreadPoolExecutor(max_workers=3) as pool:
        positions = sorted(pool.map(reply, authors))

    thread = Thread.objects.get(pk=thread.pk)
    assert positions == list(range(2, 8))
    assert thread.post_count == 7 and thread.reply_count == 6
    assert Post.objects.filter(thread=thread).count() == 7
