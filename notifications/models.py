from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.content_warning import CONTENT_WARNING_MAX_LENGTH


class Kind(models.TextChoices):
    REPLY = "reply", _("Replies in threads I started, watch or posted in")
    MENTION = "mention", _("Mentions of me")
    DIRECT_MESSAGE = "direct_message", _("Direct messages")
    WATCHED_CATEGORY = "watched_category", _("New threads in categories I watch")
    REACTION = "reaction", _("Reactions to my posts")
    RESOURCE_DECISION = "resource_decision", _("Decisions on resources I submitted")
    RESOURCE_MATCH = "resource_match", _("New resources on themes I follow")
    MODERATION = "moderation", _("New items in the moderation queue")
    TRANSLATION = "translation", _("Translations I asked for, and of threads I watch")
    MODERATION_DECISION = "moderation_decision", _("Moderators' decisions on what I wrote, and their messages to me")


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediately")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    NEVER = "never", _("Never")


# Email defaults: what needs an answer comes at once, the rest in digests.
DEFAULT_DELIVERY = {
    Kind.REPLY: Delivery.DAILY,
    Kind.MENTION: Delivery.IMMEDIATE,
    Kind.DIRECT_MESSAGE: Delivery.IMMEDIATE,
    Kind.WATCHED_CATEGORY: Delivery.WEEKLY,
    Kind.REACTION: Delivery.NEVER,
    Kind.RESOURCE_DECISION: Delivery.IMMEDIATE,
    Kind.RESOURCE_MATCH: Delivery.WEEKLY,
    Kind.MODERATION: Delivery.DAILY,
    Kind.TRANSLATION: Delivery.DAILY,
    Kind.MODERATION_DECISION: Delivery.IMMEDIATE,
}

# Kinds that are merged into one unread notification per group while it is unread
# ("Aigerim and 3 others reacted to your post", "2 new replies in <thread>").
BATCHED_KINDS = {Kind.REACTION, Kind.REPLY}


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=80, blank=True)
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    url = models.CharField(max_length=500)
    # Shown in the app only; emails carry it only when the member opted in.
    title = models.CharField(max_length=300, blank=True)
    excerpt = models.CharField(max_length=300, blank=True)
    # Copied from the target: the title and excerpt stay collapsed until opened.
    content_warning = models.CharField(max_length=CONTENT_WARNING_MAX_LENGTH, blank=True)
    count = models.PositiveIntegerField(default=1)
    # What a batched notification groups by: the post for reactions, the thread for replies.
    group_key = models.CharField(max_length=64, blank=True)
    # What happened, for kinds with several outcomes (a resource published or returned, a
    # post hidden or deleted), and the moderator's reason the member reads.
    verb = models.CharField(max_length=64, blank=True)
    reason = models.CharField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["recipient", "-updated_at", "-id"]),
            models.Index(fields=["emailed_at", "kind"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "group_key"],
                condition=models.Q(read_at__isnull=True, kind__in=["reaction", "reply"]) & ~models.Q(group_key=""),
                name="notification_one_unread_batch_per_group",
            )
        ]

    def __str__(self):
        return f"{self.kind} for {self.recipient_id}"


class Preference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    delivery = models.CharField(max_length=16, choices=Delivery.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="preference_one_per_kind")]

    def __str__(self):
        return f"{self.user_id} {self.kind}={self.delivery}"
