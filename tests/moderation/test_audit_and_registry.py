"""The audit log's list of actions and the registry through which moderation reaches other
apps' content."""

import pytest
from django.core.exceptions import ValidationError

from chat.models import Message
from forum.models import Post, Thread
from moderation import registry
from moderation.audit import AuditAction, audit_record
from moderation.models import AuditEntry
from resources.models import Resource
from tests.factories import UserFactory
from tests.forum import factories as forum_factories

pytestmark = pytest.mark.django_db


def test_an_action_missing_from_the_list_is_refused(moderator):
    with pytest.raises(ValueError, match="AuditAction"):
        audit_record(actor=moderator, action="member.vanish")
    assert not AuditEntry.objects.exists()


def test_stored_actions_keep_the_strings_written_before_the_list_existed(moderator):
    entry = audit_record(actor=moderator, action=AuditAction.MEMBER_SUSPEND)
    entry.refresh_from_db()
    assert entry.action == "member.suspend"


def test_the_audit_log_shows_each_action_by_its_label(moderator_client, moderator):
    audit_record(actor=moderator, action=AuditAction.FORUM_THREAD_LOCK, reason="heated")
    body = moderator_client.get("/moderation/audit/").text
    assert "<td>Thread locked</td>" in body


def test_the_audit_log_filter_offers_the_actions_and_refuses_others(moderator_client, moderator):
    audit_record(actor=moderator, action=AuditAction.MEMBER_WARN, reason="the-reason")
    response = moderator_client.get("/moderation/audit/", {"action": "member.vanish"})
    assert response.status_code == 200
    assert '<option value="member.warn">Member warned</option>' in response.text
    assert "Select a valid choice" in response.text


def test_every_app_with_reportable_content_registers_it():
    models = {kind.model for kind in registry.kinds()}
    assert {Post, Thread, Message, Resource} <= models
    assert [kind.key for kind in registry.inbox_kinds()] == ["resource"]


def test_a_registered_label_never_copies_the_members_text():
    thread = forum_factories.thread(UserFactory())
    post = forum_factories.reply(thread, UserFactory(), body="Something private")
    assert registry.kind_of(post).label(post) == f"post {post.pk} in thread {thread.pk}"


def test_moderation_hides_a_reply_through_the_forums_own_service(moderator):
    thread = forum_factories.thread(UserFactory())
    post = forum_factories.reply(thread, UserFactory(), body="Abusive")
    registry.kind_of(post).hide(actor=moderator, item=post, reason="abuse")
    post.refresh_from_db()
    assert post.is_hidden
    assert AuditEntry.objects.filter(action=AuditAction.FORUM_POST_HIDE, reason="abuse").exists()


def test_the_opening_post_cannot_be_deleted_only_hidden(moderator):
    thread = forum_factories.thread(UserFactory())
    opening = thread.posts.order_by("position").first()
    assert opening.is_first
    with pytest.raises(ValidationError):
        registry.kind_of(opening).delete(actor=moderator, item=opening, reason="no")
