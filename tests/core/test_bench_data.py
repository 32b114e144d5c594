"""The benchmark data generator (manage.py bench_data): size S is generated, its pages render,
and the list pages make as many SQL queries at S as on a smaller data set. Nothing is timed
here; the benchmarks themselves are scripts in bench/."""

from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from bench.management.commands.bench_data import BENCH_MEMBER, BENCH_ROOM, SIZES, Generator, Spec
from chat.models import Message, Room
from forum.models import POSTS_PER_PAGE, Post, Thread
from resources.models import Resource
from search.models import Document

TINY = Spec(members=20, threads=6, long_threads=(45,), posts_per_thread=3, resources=150, messages=50, pool=40)

LIST_PAGES = [
    "/",
    "/forum/",
    "/resources/?language=ru",
    "/members/",
    "/search/?q=" + quote("кризисный центр"),
]


def longest_thread():
    return Thread.objects.order_by("-post_count", "id").first()


def count_queries(client, path: str) -> int:
    client.get(path, follow=True)  # caches filled, as on a running server
    with CaptureQueriesContext(connection) as queries:
        # Followed: in discreet mode a search address moves the term into the session.
        response = client.get(path, follow=True)
    assert response.status_code == 200, path
    return len(queries)


@pytest.mark.django_db
def test_size_s_fills_what_real_writes_fill(client):
    call_command("bench_data", size="S")
    spec = SIZES["S"]
    assert Thread.objects.count() == spec.threads
    assert Post.objects.count() == spec.posts
    assert Resource.objects.count() == spec.resources
    assert Message.objects.count() == spec.messages
    thread = longest_thread()
    assert thread.post_count == max(spec.long_threads) == thread.posts.count()
    assert thread.reply_count == thread.post_count - 1
    last = thread.posts.order_by("-position").first()
    assert thread.last_posted_at == last.created_at and thread.last_poster_name == last.author_name
    assert not Post.objects.filter(body_html="").exists()
    room = Room.objects.get(slug=BENCH_ROOM)
    assert room.last_seq == room.messages.order_by("-seq").values_list("seq", flat=True).first()
    # Every thread, post, resource and message is in the search index.
    assert Document.objects.count() == spec.threads + spec.posts + spec.resources + spec.messages

    client.force_login(User.objects.get(email=BENCH_MEMBER))
    first = client.get(f"{thread.get_absolute_url()}?page=1")
    assert first.status_code == 200
    assert 'id="post-1"' in first.content.decode()
    last_page = client.get(f"{thread.get_absolute_url()}?page={thread.page_count}")
    assert last_page.status_code == 200
    assert f'id="post-{thread.post_count}"' in last_page.content.decode()
    for path in LIST_PAGES:
        assert client.get(path, follow=True).status_code == 200, path


@pytest.mark.django_db
def test_queries_per_page_do_not_grow_with_the_data(client, django_assert_num_queries):
    Generator(TINY, seed=1).run()
    client.force_login(User.objects.get(email=BENCH_MEMBER))
    thread = longest_thread()
    pages = [*LIST_PAGES, f"{thread.get_absolute_url()}?page=1", f"{thread.get_absolute_url()}?page=3"]
    small = {path: count_queries(client, path) for path in pages}

    Generator(SIZES["S"], seed=2).run()
    thread = longest_thread()
    assert thread.post_count >= 10 * POSTS_PER_PAGE
    large_pages = {
        **{path: path for path in LIST_PAGES},
        pages[-2]: f"{thread.get_absolute_url()}?page=1",
        pages[-1]: f"{thread.get_absolute_url()}?page={thread.page_count}",
    }
    for small_path, path in large_pages.items():
        client.get(path, follow=True)
        with django_assert_num_queries(small[small_path], info=path):
            assert client.get(path, follow=True).status_code == 200
