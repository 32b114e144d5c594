import re

import pytest

from forum import services as forum_services
from notifications import services
from notifications.models import Kind
from tests.forum import factories

pytestmark = pytest.mark.django_db


def _notify_about(post, member):
    services.notify(kind=Kind.REPLY, recipient_ids=[member.pk], url=f"/forum/p/{post.pk}/", target=post, title="x")


def test_the_bell_counts_exactly_what_the_list_shows_once_sources_are_hidden_or_deleted(
    member_client, member, other_member, moderator
):
    # Given three unread notifications about three replies
    thread = factories.thread(other_member)
    kept, hidden, deleted = (factories.reply(thread, other_member) for _ in range(3))
    for post in (kept, hidden, deleted):
        _notify_about(post, member)

    # When a moderator hides one reply and its author deletes another
    forum_services.post_hide(actor=moderator, post=hidden, reason="Identifies a survivor")
    forum_services.post_delete(actor=other_member, post=deleted)

    # Then the list shows one notification, and the bell says one
    response = member_client.get("/notifications/")
    listed = response.context["page"].items
    assert len(listed) == 1
    bell = re.search(r'data-unread="(\d+)"', response.text).group(1)
    assert int(bell) == len(listed)
