"""The forum index's Latest, Unread, New, Top and Categories views."""

import datetime

import pytest
from django.utils import timezone

from forum import services
from forum.models import Thread
from tests.forum import factories

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:
    return [thread.title for thread in response.context["page"].items]


def test_the_index_opens_on_latest_with_links_to_every_view(member_client):
    response = member_client.get("/forum/")
    assert response.context["view"] == "latest"
    for query in ("?view=unread", "?view=new", "?view=top", "?view=categories"):
        assert f'href="/forum/{query}"' in response.text


def test_unread_lists_only_opened_threads_with_posts_since(member_client, member, other_member):
    read = factories.thread(other_member, title="Opened and answered")
    services.thread_mark_read(user=member, thread=read, position=1)
    factories.reply(read, other_member)
    caught_up = factories.thread(other_member, title="Opened and read")
    services.thread_mark_read(user=member, thread=caught_up, position=1)
    factories.thread(other_member, title="Never opened")
    assert _titles(member_client.get("/forum/?view=unread")) == ["Opened and answered"]


def test_new_lists_threads_started_since_the_last_visit_that_were_never_opened(member_client, member, other_member):
    old = factories.thread(other_member, title="Started long ago")
    Thread.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=60))
    opened = factories.thread(other_member, title="Started and opened")
    services.thread_mark_read(user=member, thread=opened, position=1)
    factories.thread(other_member, title="Started and never opened")
    assert _titles(member_client.get("/forum/?view=new")) == ["Started and never opened"]


def test_top_ranks_this_months_threads_by_replies(member_client, other_member):
    quiet = factories.thread(other_member, title="One reply")
    factories.reply(quiet, other_member)
    busy = factories.thread(other_member, title="Three replies")
    for _ in range(3):
        factories.reply(busy, other_member)
    stale = factories.thread(other_member, title="Busy last year")
    Thread.objects.filter(pk=stale.pk).update(
        reply_count=50, last_posted_at=timezone.now() - datetime.timedelta(days=400)
    )
    assert _titles(member_client.get("/forum/?view=top"))[:2] == ["Three replies", "One reply"]
    assert "Busy last year" not in _titles(member_client.get("/forum/?view=top"))


def test_a_view_keeps_the_filters_and_its_links_keep_them_too(member_client, member, other_member):
    factories.thread(other_member, title="Tagged", tags=["shelters"])
    factories.thread(other_member, title="Untagged")
    response = member_client.get("/forum/?view=new&tag=shelters")
    assert _titles(response) == ["Tagged"]
    assert 'href="/forum/?tag=shelters&amp;view=top"' in response.text
    assert '<input type="hidden" name="view" value="new">' in response.text


def test_a_view_pages_by_keyset(member_client, other_member, settings, monkeypatch):
    monkeypatch.setattr("forum.views.THREADS_PER_PAGE", 2)
    for i in range(3):
        factories.thread(other_member, title=f"New thread {i}")
    first = member_client.get("/forum/?view=new")
    cursor = first.context["page"].next_cursor
    assert cursor
    second = member_client.get(f"/forum/?view=new&after={cursor}")
    assert len(_titles(first)) == 2 and len(_titles(second)) == 1
    assert not set(_titles(first)) & set(_titles(second))


def test_an_unknown_view_falls_back_to_latest(member_client):
    response = member_client.get("/forum/?view=<script>")
    assert response.status_code == 200 and response.context["view"] == "latest"


def test_categories_are_a_compact_list_beside_the_threads(member_client):
    response = member_client.get("/forum/")
    assert 'class="category-compact plain"' in response.text
    assert 'class="category-row"' not in response.text
    assert 'class="category-row"' in member_client.get("/forum/?view=categories").text


def test_the_tab_title_names_only_the_section(member_client, other_member):
    factories.thread(other_member, title="A sensitive title")
    text = member_client.get("/forum/?view=new").text
    title = text.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "A sensitive title" not in title


def test_a_restricted_category_stays_out_of_every_view(member_client, other_member, moderator):
    hidden = factories.restricted_category()
    services.thread_create(author=moderator, category=hidden, title="Partners only", body="x")
    for view in ("latest", "unread", "new", "top"):
        assert "Partners only" not in member_client.get(f"/forum/?view={view}").text


@pytest.mark.parametrize("view", ["unread", "new", "top"])
@pytest.mark.parametrize("threads", [3, 30])
def test_each_view_costs_a_constant_number_of_queries(
    member_client, member, other_member, django_assert_num_queries, threads, view
):
    for i in range(threads):
        thread = factories.thread(other_member, title=f"Thread {i}", tags=["shelters"])
        if i % 2:
            services.thread_mark_read(user=member, thread=thread, position=1)
        factories.reply(thread, other_member)
    member_client.get("/forum/")  # the session's first request records the session and the visit
    member_client.get(f"/forum/?view={view}")
    # (One more for the languages the listed threads are translated into; the category menu
    # reuses the categories the page lists.)
    with django_assert_num_queries(7):
        assert member_client.get(f"/forum/?view={view}").status_code == 200
