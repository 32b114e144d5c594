from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    pass


class AuditAction(models.TextChoices):
    """Every action the audit log records. The values are stored, so they never change;
    import it from ``moderation.audit``."""

    APPLICATION_APPROVE = "application.approve", _("Application approved")
    APPLICATION_REJECT = "application.reject", _("Application declined")
    INVITATION_CREATE = "invitation.create", _("Invitation sent")
    INVITATION_REVOKE = "invitation.revoke", _("Invitation revoked")
    INVITATION_ACCEPT = "invitation.accept", _("Invitation accepted")
    MEMBER_CHANGE_ROLE = "member.change_role", _("Role changed")
    MEMBER_SUSPEND = "member.suspend", _("Member suspended")
    MEMBER_REACTIVATE = "member.reactivate", _("Member reactivated")
    MEMBER_END_SESSIONS = "member.end_sessions", _("Sessions ended")
    MEMBER_WARN = "member.warn", _("Member warned")
    MEMBER_DELETE_SELF = "member.delete_self", _("Account deleted by its member")
    MEMBER_MODERATED_COUNTRIES = "member.moderated_countries", _("Moderator's countries changed")
    MEMBER_SECOND_FACTOR_RESET = "member.second_factor_reset", _("Two-factor login reset")
    REPORT_DISMISSED = "report.dismissed", _("Report dismissed")
    REPORT_ACTIONED = "report.actioned", _("Report acted on")
    INBOX_ASSIGN = "inbox.assign", _("Inbox item taken")
    INBOX_UNASSIGN = "inbox.unassign", _("Inbox item given back")
    INBOX_NOTE = "inbox.note", _("Internal note added")
    FORUM_POST_EDIT = "forum.post_edit", _("Post edited by a moderator")
    FORUM_POST_DELETE = "forum.post_delete", _("Post deleted")
    FORUM_POST_HIDE = "forum.post_hide", _("Post hidden")
    FORUM_POST_UNHIDE = "forum.post_unhide", _("Post shown again")
    FORUM_THREAD_HIDE = "forum.thread_hide", _("Thread hidden")
    FORUM_THREAD_UNHIDE = "forum.thread_unhide", _("Thread shown again")
    FORUM_THREAD_MOVE = "forum.thread_move", _("Thread moved")
    FORUM_THREAD_PIN = "forum.thread_pin", _("Thread pinned")
    FORUM_THREAD_UNPIN = "forum.thread_unpin", _("Thread unpinned")
    FORUM_THREAD_LOCK = "forum.thread_lock", _("Thread locked")
    FORUM_THREAD_UNLOCK = "forum.thread_unlock", _("Thread unlocked")
    RESOURCE_APPROVE = "resource.approve", _("Resource approved")
    RESOURCE_REJECT = "resource.reject", _("Resource declined")
    RESOURCE_REQUEST_CHANGES = "resource.request_changes", _("Changes requested to a resource")
    RESOURCE_EDIT = "resource.edit", _("Resource edited by a moderator")
    RESOURCE_ARCHIVE = "resource.archive", _("Resource archived")
    RESOURCE_RESTORE = "resource.restore", _("Resource restored")
    COLLECTION_CREATE = "collection.create", _("Collection created")
    COLLECTION_EDIT = "collection.edit", _("Collection changed")
    COLLECTION_DELETE = "collection.delete", _("Collection deleted")
    TRANSLATION_HIDE = "translation.hide", _("Translation hidden")
    TRANSLATION_UNHIDE = "translation.unhide", _("Translation shown again")
    TRANSLATION_DELETE = "translation.delete", _("Translation deleted")
    CHAT_MESSAGE_DELETE = "chat.message_delete", _("Chat message deleted")
    CHAT_MEMBER_MUTE = "chat.member_mute", _("Member muted in a room")
    CHAT_MEMBER_UNMUTE = "chat.member_unmute", _("Member unmuted in a room")
    CHAT_ROOM_MEMBER_ADD = "chat.room_member_add", _("Member added to a room")
    CHAT_ROOM_MEMBER_REMOVE = "chat.room_member_remove", _("Member removed from a room")
    CHAT_CONVERT_TO_THREAD = "chat.convert_to_thread", _("Chat turned into a thread")


class AuditEntry(models.Model):
    """One moderator or admin action. Append-only: rows are never updated or deleted, and
    names are snapshotted so the log stays readable after accounts are deleted."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=120)
    action = models.CharField(_("action"), max_length=64, db_index=True, choices=AuditAction.choices)
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member concerned"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    target_id = models.CharField(max_length=64, blank=True)
    target_repr = models.CharField(_("what"), max_length=300, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["actor", "-created_at"]),
            models.Index(fields=["target_user", "-created_at"]),
            models.Index(fields=["action", "-created_at"]),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.target_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries cannot be deleted.")


class Report(models.Model):
    """A member's report of a post, chat message, resource or member. Apps create reports
    through ``moderation.services.report_create`` and act on their own content."""

    class Reason(models.TextChoices):
        IDENTIFIES_SURVIVOR = "identifies_survivor", _("Identifies a survivor")
        HARASSMENT = "harassment", _("Harassment")
        SPAM = "spam", _("Spam")
        OFF_TOPIC = "off_topic", _("Off-topic")
        OTHER = "other", _("Other")

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        DISMISSED = "dismissed", _("Dismissed")
        ACTIONED = "actioned", _("Action taken")

    created_at = models.DateTimeField(auto_now_add=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="reports_made"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    target_author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports_received"
    )
    # What the reporter saw, kept even if the content is later edited or removed.
    snapshot = models.TextField(blank=True)
    target_url = models.CharField(max_length=500, blank=True)
    reason = models.CharField(_("reason"), max_length=32, choices=Reason.choices)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    state = models.CharField(max_length=16, choices=State.choices, default=State.OPEN)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "-created_at"]),
            models.Index(fields=["content_type", "object_id"]),
        ]
        constraints = [
            # One open report per member and item: reporting twice does not flood the queue.
            models.UniqueConstraint(
                fields=["reporter", "content_type", "object_id"],
                condition=models.Q(state="open"),
                name="report_one_open_per_reporter",
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.snapshot[:60]}"


class InboxItemQuerySet(models.QuerySet):
    def for_items(self, pairs):
        """Rows for (content_type_id, object_id) pairs, in one query."""
        condition = models.Q(pk__in=[])
        for content_type_id, object_id in pairs:
            condition |= models.Q(content_type_id=content_type_id, object_id=object_id)
        return self.filter(condition)


class InboxAssignment(models.Model):
    """Which moderator looks after an inbox item: a report, an application or a resource
    in review (any model, hence the content type and id)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox_assignments")
    assigned_at = models.DateTimeField(auto_now=True)

    objects = InboxItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("inbox assignment")
        verbose_name_plural = _("inbox assignments")
        ordering = ["-assigned_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="inbox_assignment_one_per_item")
        ]
        indexes = [models.Index(fields=["assignee", "content_type"])]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} → {self.assignee}"


class InboxNote(models.Model):
    """An internal note moderators leave on an inbox item; members never see it."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    author_name = models.CharField(max_length=120)
    body = models.TextField(_("internal note"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InboxItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]

    def __str__(self):
        return f"{self.author_name}: {self.body[:60]}"
