"""Links from posts to library resources are recorded when a post is written, so a resource's
page finds the threads discussing it by index (forum.links, forum.backlinks)."""

import importlib

import pytest
from django.apps import apps as global_apps

from forum import services
from forum.backlinks import threads_linking_to
from forum.links import links_in
from forum.models import PostLink

pytestmark = pytest.mark.django_db


def test_links_in_finds_resource_pages_and_ignores_near_misses():
    body = "See /resources/12/ and https://hub.example/resources/7/preview/3/?page=2, not /resources/x/ or /resources/"
    assert links_in(body) == {("resource", 12), ("resource", 7)}
    assert links_in("") == set()


def test_a_reply_an_edit_and_a_new_thread_keep_the_recorded_links_in_step(member, other_member):
    thread = services.thread_create(author=member, category=None, title="Toolkits", body="See /resources/5/")
    reply = services.post_create(author=other_member, thread=thread, body="And /resources/6/ and /resources/6/ again")
    assert set(PostLink.objects.values_list("post_id", "object_id")) == {
        (thread.posts.get(position=1).pk, 5),
        (reply.pk, 6),
    }

    services.post_edit(editor=other_member, post=reply, body="Only /resources/8/ now")
    assert set(PostLink.objects.filter(post=reply).values_list("object_id", flat=True)) == {8}
    assert [title for title, _url in threads_linking_to("resource", 8, member)] == ["Toolkits"]
    assert threads_linking_to("resource", 6, member) == []


def test_a_deleted_post_no_longer_makes_its_thread_a_backlink(member, moderator):
    thread = services.thread_create(author=member, category=None, title="Opening", body="Plain text")
    reply = services.post_create(author=member, thread=thread, body="/resources/9/")
    services.post_delete(actor=member, post=reply)
    assert threads_linking_to("resource", 9, member) == []


def test_hostile_ids_ask_nothing_of_the_database(member, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert threads_linking_to("resource", "1 OR 1=1", member) == []
        assert threads_linking_to("thread", 1, member) == []


def test_the_migration_records_the_links_of_posts_written_before_it(member):
    thread = services.thread_create(author=member, category=None, title="Older thread", body="Read /resources/4/ first")
    PostLink.objects.all().delete()
    migration = importlib.import_module("forum.migrations.0010_post_links")
    migration.record_links_of_existing_posts(global_apps, None)
    assert list(PostLink.objects.values_list("post_id", "kind", "object_id")) == [
        (thread.posts.get(position=1).pk, "resource", 4)
    ]
