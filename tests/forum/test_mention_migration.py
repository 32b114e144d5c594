"""Existing posts' mentions are rewritten to member ids (and back) by a data migration."""

import importlib

import pytest
from django.apps import apps

from forum.models import Post
from tests.factories import UserFactory
from tests.forum import factories

pytestmark = pytest.mark.django_db

migration = importlib.import_module("forum.migrations.0007_mentions_by_member_id")


def _old_style_post(author, colleague) -> Post:
    thread = factories.thread(author)
    post = thread.posts.get()
    # As stored before mentions kept ids: the name in brackets, shown as plain text.
    Post.objects.filter(pk=post.pk).update(
        body=f"Ask @[{colleague.display_name}] about it", body_html=f"<p>Ask @[{colleague.display_name}] about it</p>"
    )
    post.mentions.set([colleague])
    return post


def test_the_migration_stores_old_mentions_by_id_and_links_them(member):
    colleague = UserFactory(display_name="Айжан Н.")
    post = _old_style_post(member, colleague)
    migration.forward(apps, None)
    post.refresh_from_db()
    assert post.body == f"Ask @[Айжан Н.](member:{colleague.pk}) about it"
    assert (
        f'<a class="mention" href="/members/{colleague.pk}/" data-member-id="{colleague.pk}">@Айжан Н.</a>'
        in post.body_html
    )


def test_the_migration_can_be_reversed(member):
    colleague = UserFactory(display_name="Gulnara")
    post = _old_style_post(member, colleague)
    migration.forward(apps, None)
    migration.backward(apps, None)
    post.refresh_from_db()
    assert post.body == "Ask @[Gulnara] about it"
    assert post.body_html == "<p>Ask @[Gulnara] about it</p>"
