from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts import permissions
from core.content_warning import CONTENT_WARNING_MAX_LENGTH
from taxonomy.models import localized, names_field


class RoomQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one definition of which rooms a member may see (and therefore use)."""
        if not permissions.is_active_member(user):
            return self.none()
        is_member = Exists(RoomMember.objects.filter(room=OuterRef("pk"), user=user, is_participant=True))
        condition = Q(kind=Room.Kind.OPEN) | Q(kind=Room.Kind.COUNTRY, country_id=user.country_id) | Q(is_member)
        if permissions.can_moderate(user):
            condition |= moderated_rooms_q(user)
        return self.filter(condition)


def moderated_rooms_q(user) -> Q:
    """The one scope rule for rooms a moderator oversees (the caller checks can_moderate):
    country and private rooms, direct conversations never. A moderator scoped to countries
    oversees only those countries' rooms; private rooms belong to no country, so only
    moderators of every country oversee them (chat.permissions.in_moderated_countries)."""
    rooms = Q(kind__in=[Room.Kind.COUNTRY, Room.Kind.PRIVATE])
    scope = permissions.moderated_country_ids(user)
    return rooms if scope is None else rooms & Q(country_id__in=scope)


class Room(models.Model):
    class Kind(models.TextChoices):
        OPEN = "open", _("Open room")
        COUNTRY = "country", _("Country room")
        PRIVATE = "private", _("Private room")
        DIRECT = "direct", _("Direct conversation")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OPEN)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_ru = models.CharField(_("name (Russian)"), max_length=120, blank=True)
    names = names_field()
    description = models.CharField(_("description"), max_length=300, blank=True)
    description_ru = models.CharField(_("description (Russian)"), max_length=300, blank=True)
    descriptions = models.JSONField(_("descriptions in the other interface languages"), default=dict, blank=True)
    country = models.ForeignKey(
        "taxonomy.Country", verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT
    )
    theme = models.ForeignKey(
        "taxonomy.Theme", verbose_name=_("theme"), null=True, blank=True, on_delete=models.PROTECT
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    retention_days = models.PositiveIntegerField(
        _("delete messages after (days)"),
        null=True,
        blank=True,
        help_text=_("Leave empty to keep messages. For sensitive rooms."),
    )
    # Highest sequence number given to a message here; advanced under a row lock.
    last_seq = models.PositiveBigIntegerField(default=0, editable=False)
    position = models.PositiveSmallIntegerField(default=100)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RoomQuerySet.as_manager()

    class Meta:
        verbose_name = _("chat room")
        verbose_name_plural = _("chat rooms")
        ordering = ["position", "name", "id"]
        indexes = [models.Index(fields=["kind", "country"]), models.Index(fields=["position", "name", "id"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="country") | Q(country__isnull=False), name="chat_room_country_has_country"
            )
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        # By id: a private room's address would otherwise carry the name its members gave it.
        return reverse("chat:room", args=[self.pk])

    @property
    def display_name(self) -> str:
        # A direct conversation is named after the other people in it, as the viewer sees it
        # (set by chat.selectors.name_direct_rooms). Open and country rooms are named by the
        # alliance in every language; the names of private rooms are what their members typed.
        viewer_title = self.__dict__.get("viewer_title")
        if self.kind == self.Kind.DIRECT and viewer_title:
            return viewer_title
        return localized(self.name, self.name_ru, self.names)

    @property
    def display_description(self) -> str:
        # As names: the alliance's rooms are described in every language, members' rooms as typed.
        return localized(self.description, self.description_ru, self.descriptions)

    @property
    def is_country_room(self) -> bool:
        return self.kind == self.Kind.COUNTRY

    @property
    def has_member_list(self) -> bool:
        return self.kind in (self.Kind.PRIVATE, self.Kind.DIRECT)


class RoomMember(models.Model):
    """A member's place in a room: access (private and direct rooms), read position, mute.
    In open and country rooms the row only keeps read position and mutes."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        MEMBER = "member", _("Member")

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    # False for read-position rows in open and country rooms, which grant nothing.
    is_participant = models.BooleanField(default=False)
    last_read_seq = models.PositiveBigIntegerField(default=0)
    muted_until = models.DateTimeField(_("muted until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("room member")
        verbose_name_plural = _("room members")
        ordering = ["room", "created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["room", "user"], name="chat_member_once_per_room")]
        indexes = [models.Index(fields=["user", "room"])]

    def __str__(self):
        return f"{self.user} @ {self.room}"

    @property
    def is_owner(self) -> bool:
        return self.role == self.Role.OWNER


class Message(models.Model):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="messages")
    # Increases by one per room; clients resume from the last one they have.
    seq = models.PositiveBigIntegerField()
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="chat_messages"
    )
    sender_name = models.CharField(max_length=80)
    client_id = models.CharField(max_length=64, blank=True)
    body = models.TextField(_("message"), blank=True)
    body_html = models.TextField(blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    # Readers see only this until they open the message.
    content_warning = models.CharField(_("content warning"), max_length=CONTENT_WARNING_MAX_LENGTH, blank=True)
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies", verbose_name=_("reply to")
    )
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="chat_mentions")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by_moderator = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("chat message")
        verbose_name_plural = _("chat messages")
        ordering = ["room", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["room", "seq"], name="chat_message_seq_unique"),
            # A retried send finds the stored message instead of creating a second one.
            models.UniqueConstraint(
                fields=["sender", "client_id"], condition=~Q(client_id=""), name="chat_message_client_id_unique"
            ),
        ]
        indexes = [models.Index(fields=["room", "created_at"]), models.Index(fields=["room", "updated_at"])]

    def __str__(self):
        return f"{self.sender_name}: {self.body[:60]}"

    def get_absolute_url(self):
        # A permalink: it opens the message in its room, or a moderator's review of a
        # reported message they may not otherwise see (see views.message_detail).
        return reverse("chat:message", args=[self.pk])

    def get_room_url(self):
        return f"{self.room.get_absolute_url()}?at={self.seq}#m-{self.seq}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class Reaction(models.Model):
    class Emoji(models.TextChoices):
        THUMBS_UP = "👍", _("Thumbs up")
        HEART = "❤️", _("Heart")
        THANKS = "🙏", _("Thank you")
        CLAP = "👏", _("Applause")
        DONE = "✅", _("Done")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    emoji = models.CharField(max_length=8, choices=Emoji.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["message", "created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["message", "user", "emoji"], name="chat_reaction_once")]

    def __str__(self):
        return f"{self.emoji} {self.message_id}"


from .attachments import ChatAttachment  # noqa: E402,F401 - registers the model with the app
