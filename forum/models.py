from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from accounts import permissions
from core.content_warning import CONTENT_WARNING_MAX_LENGTH
from core.reverse import reverse_pk
from taxonomy.models import localized, names_field

# Thread pages hold this many posts; page N holds positions (N-1)*size+1 .. N*size, so any
# page is one indexed range scan however long the thread is.
POSTS_PER_PAGE = 20
THREADS_PER_PAGE = 30


class CategoryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one definition of which categories a person may see. Everything else in the
        forum (threads, posts, counts, lists, subjects) builds on it."""
        if not permissions.is_active_member(user):
            return self.none()
        if permissions.can_moderate(user) and permissions.moderated_country_ids(user) is None:
            return self.all()
        allowed = models.Q(access=Category.Access.OPEN)
        if user.country_id:
            in_country = Category.allowed_countries.through.objects.filter(country_id=user.country_id)
            allowed |= models.Q(access=Category.Access.COUNTRIES, id__in=in_country.values("category_id"))
        if permissions.can_moderate(user):
            # Moderators' own categories that belong to no country, and their countries' ones.
            with_countries = Category.allowed_countries.through.objects.values("category_id")
            allowed |= models.Q(access=Category.Access.MODERATORS, country__isnull=True) & ~models.Q(
                id__in=with_countries
            )
            allowed |= models.Q(id__in=self.model.objects.moderated_by(user).values("id"))
        return self.filter(allowed)

    def moderated_by(self, user):
        """The one scope rule for forum content: the categories a moderator looks after (and so
        their threads and posts, hidden ones included). All of them for a moderator of every
        country; for one scoped to countries, the categories of those countries or open to
        them (forum.permissions.can_moderate_category asks the same of one category)."""
        if not permissions.can_moderate(user):
            return self.none()
        scope = permissions.moderated_country_ids(user)
        if scope is None:
            return self.all()
        open_to = Category.allowed_countries.through.objects.filter(country_id__in=scope)
        return self.filter(models.Q(country_id__in=scope) | models.Q(id__in=open_to.values("category_id")))


class Category(models.Model):
    class Access(models.TextChoices):
        OPEN = "open", _("All members")
        COUNTRIES = "countries", _("Members from chosen countries")
        MODERATORS = "moderators", _("Moderators only")

    slug = models.SlugField(_("address"), max_length=64, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_ru = models.CharField(_("name (Russian)"), max_length=120)
    description_en = models.CharField(_("description (English)"), max_length=300, blank=True)
    description_ru = models.CharField(_("description (Russian)"), max_length=300, blank=True)
    names = names_field()
    descriptions = models.JSONField(_("descriptions in the other interface languages"), default=dict, blank=True)
    country = models.ForeignKey(
        "taxonomy.Country", verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT
    )
    access = models.CharField(_("who can see it"), max_length=16, choices=Access.choices, default=Access.OPEN)
    allowed_countries = models.ManyToManyField(
        "taxonomy.Country", verbose_name=_("countries allowed"), blank=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "slug"]
        indexes = [models.Index(fields=["access", "position"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("forum:category", args=[self.slug])

    @property
    def name(self) -> str:
        return localized(self.name_en, self.name_ru, self.names)

    @property
    def description(self) -> str:
        return localized(self.description_en, self.description_ru, self.descriptions)

    @property
    def is_restricted(self) -> bool:
        return self.access != self.Access.OPEN


class Tag(models.Model):
    slug = models.SlugField(_("tag"), max_length=30, unique=True, allow_unicode=True)
    name = models.CharField(_("name"), max_length=30)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["slug"]

    def __str__(self):
        return self.name


def _unhidden_or_moderated(user, category_path: str) -> models.Q:
    """Hidden content is seen only by the moderators who look after its category."""
    if not permissions.can_moderate(user):
        return models.Q(is_hidden=False)
    if permissions.moderated_country_ids(user) is None:
        return models.Q()
    return models.Q(is_hidden=False) | models.Q(**{f"{category_path}__in": Category.objects.moderated_by(user)})


class ThreadQuerySet(models.QuerySet):
    def visible_to(self, user):
        visible = self.filter(category__in=Category.objects.visible_to(user))
        return visible.filter(_unhidden_or_moderated(user, "category"))


class Thread(models.Model):
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="threads")
    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(max_length=80, allow_unicode=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="forum_threads"
    )
    # Kept so the thread still reads well after the author's account is deleted.
    author_name = models.CharField(max_length=80)
    country = models.ForeignKey(
        "taxonomy.Country", verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="threads")
    content_warning = models.CharField(_("content warning"), max_length=CONTENT_WARNING_MAX_LENGTH, blank=True)
    # The opening post's language (core.content_language): shown as a tag, filtered on.
    language = models.CharField(_("language"), max_length=10, blank=True)
    subject_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")

    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)

    # Denormalised, updated under a row lock by the services: post_count is the highest post
    # position (every post ever made, deleted ones keep their place), reply_count the replies
    # that are still shown.
    post_count = models.PositiveIntegerField(default=0)
    reply_count = models.PositiveIntegerField(default=0)
    last_posted_at = models.DateTimeField(default=timezone.now)
    last_poster_name = models.CharField(max_length=80, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        ordering = ["-is_pinned", "-last_posted_at", "-id"]
        indexes = [
            models.Index(fields=["category", "is_hidden", "-is_pinned", "-last_posted_at", "-id"]),
            models.Index(fields=["is_hidden", "-is_pinned", "-last_posted_at", "-id"], name="forum_thread_latest"),
            # The home page's unread and new threads, by activity, pinned or not.
            models.Index(fields=["is_hidden", "-last_posted_at", "-id"], name="forum_thread_activity"),
            models.Index(fields=["is_hidden", "-is_pinned", "-created_at", "-id"], name="forum_thread_newest"),
            models.Index(fields=["is_hidden", "-is_pinned", "-reply_count", "-id"], name="forum_thread_replies"),
            models.Index(fields=["author", "-last_posted_at"]),
            models.Index(fields=["country", "-last_posted_at"]),
            models.Index(fields=["language", "is_hidden", "-is_pinned", "-last_posted_at", "-id"]),
            models.Index(fields=["subject_type", "subject_id"]),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title, allow_unicode=True)[:80] or "thread"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        # Ids only: the title stays out of links, emails and the browser history. The
        # thread page moves members who turned discreet mode off to the slugged address.
        return reverse("forum:thread", args=[self.pk])

    def get_slugged_url(self):
        return reverse("forum:thread", args=[self.pk, self.slug or "thread"])

    @property
    def page_count(self) -> int:
        return max(1, -(-self.post_count // POSTS_PER_PAGE))


class PostQuerySet(models.QuerySet):
    def visible_to(self, user):
        visible = self.filter(thread__in=Thread.objects.visible_to(user))
        return visible.filter(_unhidden_or_moderated(user, "thread__category"))


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    # 1 for the opening post; never reused, so a page is a range of positions.
    position = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="forum_posts"
    )
    author_name = models.CharField(max_length=80)
    body = models.TextField(_("message"))
    body_html = models.TextField(editable=False)
    language = models.CharField(_("language"), max_length=10, blank=True)
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="forum_mentions")
    reply_to = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reaction_counts = models.JSONField(default=dict, blank=True)

    edit_count = models.PositiveIntegerField(default=0)
    edited_at = models.DateTimeField(null=True, blank=True)
    is_deleted = models.BooleanField(default=False)
    deleted_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["thread", "position"]
        constraints = [models.UniqueConstraint(fields=["thread", "position"], name="forum_post_unique_position")]
        indexes = [
            models.Index(fields=["thread", "is_hidden", "position"]),
            models.Index(fields=["author", "-created_at"]),
        ]

    def __str__(self):
        return f"{self.thread} #{self.position}"

    def get_absolute_url(self):
        return reverse_pk("forum:post", self.pk)

    @property
    def page_number(self) -> int:
        return (self.position - 1) // POSTS_PER_PAGE + 1

    @property
    def is_first(self) -> bool:
        return self.position == 1


class PostLink(models.Model):
    """A page of another part of the hub that a post links to (today: library resources), kept
    when the post is written so that the page can list the threads discussing it through an
    index instead of searching every post's text."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "kind", "object_id"], name="forum_postlink_unique")]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self):
        return f"{self.post_id} -> {self.kind} {self.object_id}"


class PostRevision(models.Model):
    """A previous version of a post, written each time the post is edited."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    body_html = models.TextField()
    title = models.CharField(max_length=150, blank=True)
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    editor_name = models.CharField(max_length=80)
    reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("post revision")
        verbose_name_plural = _("post revisions")
        ordering = ["post", "-created_at", "-id"]
        indexes = [models.Index(fields=["post", "-created_at", "-id"])]

    def __str__(self):
        return f"{self.post} @ {self.created_at:%Y-%m-%d %H:%M}"


class Reaction(models.Model):
    class Kind(models.TextChoices):
        THANKS = "thanks", _("Thanks")
        HELPFUL = "helpful", _("Helpful")
        AGREE = "agree", _("Agree")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_reactions")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        ordering = ["post", "kind", "id"]
        constraints = [models.UniqueConstraint(fields=["post", "user", "kind"], name="forum_reaction_once")]
        indexes = [models.Index(fields=["user", "post"])]

    def __str__(self):
        return f"{self.kind} on {self.post_id}"


class ThreadRead(models.Model):
    """How far a member has read a thread: the highest post position they have seen."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    last_read_position = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("read marker")
        verbose_name_plural = _("read markers")
        ordering = ["user", "thread"]
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="forum_read_once")]

    def __str__(self):
        return f"{self.user_id} read {self.thread_id} to {self.last_read_position}"


class ThreadWatch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="watches")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("watched thread")
        verbose_name_plural = _("watched threads")
        ordering = ["user", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="forum_thread_watch_once")]

    def __str__(self):
        return f"{self.user_id} watches {self.thread_id}"


class CategoryWatch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="watches")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("watched category")
        verbose_name_plural = _("watched categories")
        ordering = ["user", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "category"], name="forum_category_watch_once")]

    def __str__(self):
        return f"{self.user_id} watches {self.category_id}"


class Draft(models.Model):
    """What a member is writing and has not published yet: a new thread in a category or a
    reply to a thread, one per member and place. Only its author ever sees it."""

    class Kind(models.TextChoices):
        THREAD = "thread", _("New thread")
        REPLY = "reply", _("Reply")

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_drafts")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=150, blank=True)
    body = models.TextField(_("message"), blank=True)
    content_warning = models.CharField(_("content warning"), max_length=CONTENT_WARNING_MAX_LENGTH, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        ordering = ["author", "-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="thread", category__isnull=False, thread__isnull=True)
                    | models.Q(kind="reply", thread__isnull=False, category__isnull=True)
                ),
                name="forum_draft_one_target",
            ),
            models.UniqueConstraint(
                fields=["author", "category"], condition=models.Q(kind="thread"), name="forum_draft_once_per_category"
            ),
            models.UniqueConstraint(
                fields=["author", "thread"], condition=models.Q(kind="reply"), name="forum_draft_once_per_thread"
            ),
        ]
        indexes = [models.Index(fields=["author", "-updated_at", "-id"], name="forum_draft_latest")]

    def __str__(self):
        return f"{self.kind} draft of {self.author_id}"


from .attachments import PostAttachment  # noqa: E402,F401 - registers the model with the app
