import hashlib
import secrets

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    MEMBER = "member", _("Member")
    EXPERT = "expert", _("Expert")
    MODERATOR = "moderator", _("Moderator")
    ADMIN = "admin", _("Administrator")


# Each role includes the rights of the roles before it.
ROLE_RANK = {role: rank for rank, role in enumerate(Role.values)}


class Status(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    REJECTED = "rejected", _("Rejected")


class UserQuerySet(models.QuerySet):
    def active_members(self):
        return self.filter(status=Status.ACTIVE).exclude(role=Role.APPLICANT)

    def moderators(self):
        return self.active_members().filter(role__in=[Role.MODERATOR, Role.ADMIN])


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.setdefault("role", Role.ADMIN)
        fields.setdefault("status", Status.ACTIVE)
        fields.setdefault("display_name", email.split("@")[0])
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser):
    """A person with an account. ``role`` says what they may do, ``status`` whether they may
    do it now; both are checked on every request and WebSocket frame."""

    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"), max_length=80, help_text=_("Shown to other members. It need not be your legal name.")
    )
    # Kept in step with display_name by save(): the look-alike key that must be unique (see
    # accounts.names) and the case-folded form the member picker searches.
    name_skeleton = models.CharField(max_length=255, blank=True, editable=False)
    name_search = models.CharField(max_length=80, blank=True, editable=False)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = models.ForeignKey(
        "taxonomy.Country", verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT
    )
    role_in_organisation = models.CharField(_("role in organisation"), max_length=200, blank=True)
    languages = models.ManyToManyField("taxonomy.Language", verbose_name=_("languages"), blank=True)
    expertise = models.ManyToManyField("taxonomy.Theme", verbose_name=_("expertise"), blank=True)
    bio = models.TextField(_("short bio"), max_length=1000, blank=True)
    show_organisation = models.BooleanField(_("show my organisation to other members"), default=False)
    show_country = models.BooleanField(_("show my country to other members"), default=False)
    show_presence = models.BooleanField(
        _("show other members when I am online in chat"),
        default=False,
        help_text=_("Off: you read and write in chat without appearing online or typing to others."),
    )
    light_mode = models.BooleanField(
        _("light mode for slow connections"),
        default=False,
        help_text=_("No images or previews until you ask for them, and no optional scripts."),
    )
    discreet_mode = models.BooleanField(
        _("discreet mode"),
        default=True,
        help_text=_(
            "On: browser tabs show only the section (Forum, Library, Chat), addresses carry numbers "
            "instead of titles, searches stay out of the browser history and downloaded files get "
            "neutral names, so someone looking at this device cannot tell what you read."
        ),
    )
    stay_signed_in_after_exit = models.BooleanField(
        _("stay signed in after a quick exit"),
        default=False,
        help_text=_(
            "Off: the quick exit also logs you out, so pressing Back afterwards shows only the login page. "
            "On: you come back without logging in again, but anyone who presses Back on this device "
            "sees the hub pages you had open."
        ),
    )
    # When the member answered (or skipped) the first-login question about what others see;
    # empty means they have not been asked yet.
    privacy_chosen_at = models.DateTimeField(_("privacy choice made at"), null=True, blank=True, editable=False)
    email_content_opt_in = models.BooleanField(
        _("include what members wrote in my notification emails"),
        default=False,
        help_text=_("Off by default: emails then only say that there is something new."),
    )
    ui_language = models.CharField(_("interface language"), max_length=10, blank=True)
    # An IANA name (accounts.time_zones checks it); empty: never chosen, the hub's zone.
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.APPLICANT)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    status_reason = models.TextField(_("reason for the current status"), blank=True)
    motivation = models.TextField(_("why they want to join"), blank=True)
    # Bumped to end every session of the user at once (see get_session_auth_hash).
    session_generation = models.PositiveIntegerField(default=0, editable=False)
    # Countries a moderator looks after; none means every country.
    moderated_countries = models.ManyToManyField(
        "taxonomy.Country", verbose_name=_("moderates in"), blank=True, related_name="moderators"
    )

    date_joined = models.DateTimeField(_("applied or joined"), default=timezone.now)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    # When the member's latest visit began (the first page of a session); the one before it
    # is what "new since my last visit" counts from (core.visits).
    last_visit_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["display_name", "id"]
        indexes = [
            models.Index(fields=["status", "role"]),
            models.Index(fields=["status", "date_joined"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["name_skeleton"], condition=~models.Q(name_skeleton=""), name="display_name_not_look_alike"
            ),
        ]

    def __str__(self):
        return self.display_name or f"#{self.pk}"

    def save(self, *args, **kwargs):
        from .names import name_search_key, name_skeleton

        update_fields = kwargs.get("update_fields")
        if update_fields is None or "display_name" in update_fields:
            self.name_skeleton = name_skeleton(self.display_name)
            self.name_search = name_search_key(self.display_name)[:80]
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "name_skeleton", "name_search"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("members:detail", args=[self.pk])

    # Django's auth machinery expects these; they follow role and status, never a flag
    # that could drift from them.
    # Everyone may log in; what they then see is decided by status (MembershipGateMiddleware),
    # so suspended and rejected people reach the page that explains their state.
    is_active = True

    @property
    def is_staff(self):
        # Django admin powers follow the same gate as every staff power (second factor included).
        from . import permissions

        return permissions.is_admin(self)

    @property
    def is_superuser(self):
        return self.is_staff

    def has_perm(self, perm, obj=None):
        return self.is_staff

    def has_perms(self, perm_list, obj=None):
        return self.is_staff

    def has_module_perms(self, app_label):
        return self.is_staff

    def get_short_name(self):
        return self.display_name

    def get_full_name(self):
        return self.display_name

    def get_session_auth_hash(self):
        return salted_hmac(
            "accounts.User.session",
            f"{self.password}:{self.session_generation}",
            algorithm="sha256",
        ).hexdigest()

    @property
    def is_active_member(self) -> bool:
        return self.status == Status.ACTIVE and self.role != Role.APPLICANT

    def has_role(self, role: str) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[role]


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """A single-use, expiring invitation. Only a hash of the token is stored, so a leaked
    database does not leak working links."""

    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        "accounts.User", verbose_name=_("invited by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="accepted_invitations"
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["email"])]

    def __str__(self):
        return self.email

    @staticmethod
    def new_token() -> tuple[str, str]:
        token = secrets.token_urlsafe(32)
        return token, _hash_token(token)

    @staticmethod
    def hash_token(token: str) -> str:
        return _hash_token(token)

    @property
    def state(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"


class KnownDevice(models.Model):
    """A browser a member has logged in from, kept as a hash of its user agent only, so a
    login from a new one can be pointed out to the member (a seized or shared phone)."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="known_devices")
    fingerprint = models.CharField(max_length=64)
    first_seen = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "fingerprint"], name="known_device_once")]

    def __str__(self):
        return f"{self.user_id}:{self.fingerprint[:8]}"
