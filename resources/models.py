"""The resource library: resources described with the alliance's taxonomy, their files and
each file's versions. Business rules live in ``services.py``; who sees what in ``selectors.py``
through ``Resource.objects.visible_to(user)``."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts import permissions
from core.content_warning import CONTENT_WARNING_MAX_LENGTH


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    ARCHIVED = "archived", _("Archived")


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", _("CC BY 4.0")
    CC_BY_SA = "cc-by-sa-4.0", _("CC BY-SA 4.0")
    CC_BY_NC = "cc-by-nc-4.0", _("CC BY-NC 4.0")
    CC_BY_NC_ND = "cc-by-nc-nd-4.0", _("CC BY-NC-ND 4.0")
    PUBLIC_DOMAIN = "public-domain", _("Public domain")
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")
    OTHER = "other", _("Other")


RESERVED_SLUGS = {"edit", "submit", "files", "review", "archive", "report", "discuss"}


# The kind under which translations name resources (``resources.translatable.KIND``).
TRANSLATION_KIND = "resources.resource"


def _translations_of_unseen(seen: Q) -> QuerySet:
    """The ids of the translated files whose original is not among the resources ``seen``
    selects, or is itself a translated file of one that is not: a file translated from a
    translation follows the first original too."""
    from translations.models import SeparateTranslation

    records = SeparateTranslation.objects.filter(kind=TRANSLATION_KIND)
    seen_originals = Resource.objects.filter(seen).values("pk")
    hidden_first = records.exclude(object_id__in=seen_originals).values("copy_id")
    shown = Resource.objects.filter(seen).exclude(pk__in=hidden_first).values("pk")
    return records.exclude(object_id__in=shown).values("copy_id")


class ResourceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=State.PUBLISHED)

    def visible_to(self, user):
        """Members see published resources and their own; moderators also every resource they
        look after (``moderated_by``). A translated file follows its original: it shows only
        to those who see the original in the library or look after it as moderators, so when
        the original is archived, unpublished or deleted its translated files go with it, and
        come back with it (``translations_out_of_sight``)."""
        if not permissions.is_active_member(user):
            return self.none()
        if permissions.can_moderate(user) and permissions.moderated_country_ids(user) is None:
            return self
        visible = Q(state=State.PUBLISHED) | Q(uploader=user)
        if permissions.can_moderate(user):
            visible |= Q(pk__in=self.model.objects.moderated_by(user).values("pk"))
        return self.filter(visible).exclude(pk__in=self.translations_out_of_sight(user))

    def translations_out_of_sight(self, user) -> QuerySet:
        """The ids of the translated files (``translations.models.SeparateTranslation``) whose
        original ``user`` does not see: neither published nor looked after by them as a
        moderator, or deleted. A subquery, so every list keeps its number of queries. A
        moderator of every country sees every resource, these included."""
        from translations.models import SeparateTranslation

        records = SeparateTranslation.objects.filter(kind=TRANSLATION_KIND)
        if not permissions.is_active_member(user):
            return records.values("copy_id")
        if permissions.can_moderate(user) and permissions.moderated_country_ids(user) is None:
            return records.none().values("copy_id")
        if not permissions.can_moderate(user):
            return self.translations_of_unpublished()
        # ``moderated_by``'s rule, flat: the nesting stays within what SQLite parses.
        scope = permissions.moderated_country_ids(user) or ()
        return _translations_of_unseen(Q(state=State.PUBLISHED) | Q(countries__in=scope))

    def translations_of_unpublished(self) -> QuerySet:
        """The ids of the translated files whose original is not in the library (archived,
        in review, sent back or deleted): what no member but a moderator looking after the
        original sees."""
        return _translations_of_unseen(Q(state=State.PUBLISHED))

    def moderated_by(self, user):
        """The one scope rule for the library: every resource for a moderator of every country;
        for one scoped to countries, the resources tagged with one of them
        (resources.permissions.can_moderate_resource asks the same of one resource)."""
        if not permissions.can_moderate(user):
            return self.none()
        scope = permissions.moderated_country_ids(user)
        if scope is None:
            return self.all()
        return self.filter(pk__in=self.model.objects.filter(countries__in=scope).values("pk"))


class Resource(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=80, allow_unicode=False, editable=False)
    summary = models.TextField(_("summary"), max_length=600, help_text=_("Two or three sentences shown in the list."))
    description = models.TextField(_("description"), blank=True, max_length=20000)
    description_html = models.TextField(blank=True, editable=False)

    types = models.ManyToManyField("taxonomy.ResourceType", verbose_name=_("type"), related_name="resources")
    themes = models.ManyToManyField("taxonomy.Theme", verbose_name=_("themes"), related_name="resources", blank=True)
    countries = models.ManyToManyField(
        "taxonomy.Country", verbose_name=_("countries"), related_name="resources", blank=True
    )
    languages = models.ManyToManyField("taxonomy.Language", verbose_name=_("languages"), related_name="resources")
    audiences = models.ManyToManyField(
        "taxonomy.Audience", verbose_name=_("audiences"), related_name="resources", blank=True
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    publisher = models.CharField(_("publisher or organisation"), max_length=200, blank=True)
    licence = models.CharField(_("licence"), max_length=32, choices=Licence.choices, default=Licence.CC_BY)
    content_warning = models.CharField(
        _("content warning"),
        max_length=CONTENT_WARNING_MAX_LENGTH,
        blank=True,
        help_text=_("Optional. The resource stays collapsed until the reader opens it."),
    )
    external_url = models.URLField(_("external link"), max_length=500, blank=True)
    translations = models.ManyToManyField("self", verbose_name=_("translations"), blank=True, symmetrical=True)

    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="resources",
    )
    # Kept so the library still says who shared a resource after the account is deleted.
    uploader_name = models.CharField(max_length=80)

    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.DRAFT)
    review_note = models.TextField(_("note from the moderators"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Denormalised for the "has files" facet and the "most downloaded" ordering.
    has_files = models.BooleanField(default=False, editable=False)
    download_count = models.PositiveIntegerField(default=0, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["state", "-published_at", "-id"], name="resource_state_published"),
            models.Index(fields=["state", "-download_count", "-id"], name="resource_state_downloads"),
            models.Index(fields=["state", "title", "id"], name="resource_state_title"),
            models.Index(fields=["state", "submitted_at", "id"], name="resource_state_submitted"),
            models.Index(fields=["uploader", "-updated_at"], name="resource_uploader"),
            models.Index(fields=["year"], name="resource_year"),
            models.Index(fields=["licence"], name="resource_licence"),
            models.Index(fields=["has_files"], name="resource_has_files"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=State.values),
                name="resource_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1900, year__lte=2100),
                name="resource_year_range",
            ),
            models.CheckConstraint(
                condition=~Q(state="published") | Q(published_at__isnull=False),
                name="resource_published_has_date",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        slug = slugify(self.title)[:80].strip("-") or "resource"
        # Never the name of an action URL such as /resources/<id>/edit/.
        self.slug = f"{slug}-resource" if slug in RESERVED_SLUGS else slug
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        # Ids only: the title stays out of links, emails and the browser history. The
        # resource page moves members who turned discreet mode off to the slugged address.
        return reverse("resources:detail", args=[self.pk])

    def get_slugged_url(self):
        return reverse("resources:detail", args=[self.pk, self.slug or "resource"])


def _random_path(prefix: str, extension: str) -> str:
    # Random names only: the uploader's file name never becomes a path on disk.
    token = secrets.token_hex(16)
    return f"resources/{prefix}/{token[:2]}/{token}{extension}"


def version_upload_to(instance, filename):
    return _random_path("files", instance.extension)


def thumbnail_upload_to(instance, filename):
    return _random_path("thumbs", ".png")


def rendering_upload_to(instance, filename):
    return _random_path("renderings", ".pdf")


class ResourceFile(models.Model):
    """One file of a resource (the toolkit, its annex...). Its content lives in versions."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="files")
    label = models.CharField(_("label"), max_length=120, blank=True, help_text=_("For example: Toolkit, Annex 2."))
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("resource file")
        verbose_name_plural = _("resource files")
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["resource", "position", "id"], name="resourcefile_order")]

    def __str__(self):
        return self.label or f"#{self.pk}"


class FileVersion(models.Model):
    """An immutable upload. A new version keeps the previous ones listed and downloadable."""

    file = models.ForeignKey(ResourceFile, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.FileField(upload_to=version_upload_to, max_length=200)
    original_name = models.CharField(_("file name"), max_length=160)
    extension = models.CharField(max_length=8)
    kind = models.CharField(max_length=8)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    metadata_stripped = models.BooleanField(default=False)
    # What was found in the upload and removed (keys of core.files.cleaning.REMOVED_LABELS);
    # None for versions shared before every type was cleaned.
    metadata_removed = models.JSONField(null=True, blank=True, default=None)
    thumbnail = models.ImageField(upload_to=thumbnail_upload_to, max_length=200, blank=True)
    # An office file's PDF rendering (made by LibreOffice in the background when the machine
    # has it), read page by page like a PDF; empty when there is none.
    rendering = models.FileField(upload_to=rendering_upload_to, max_length=200, blank=True, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    download_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("file version")
        verbose_name_plural = _("file versions")
        ordering = ["file", "-number"]
        indexes = [models.Index(fields=["sha256"], name="fileversion_sha256")]
        constraints = [
            models.UniqueConstraint(fields=["file", "number"], name="fileversion_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="fileversion_number_positive"),
        ]

    def __str__(self):
        return f"{self.original_name} (v{self.number})"

    def get_absolute_url(self):
        return reverse("resources:download", args=[self.pk])

    def thumbnail_digest(self) -> str:
        """Names the stored preview picture: a regenerated one gets another digest, hence
        another address (the browser may keep a published resource's preview)."""
        return salted_hmac("resources.thumbnail", f"{self.pk}:{self.thumbnail.name}").hexdigest()[:16]

    def get_thumbnail_url(self) -> str:
        return f"{reverse('resources:thumbnail', args=[self.pk])}?v={self.thumbnail_digest()}"

    @property
    def removed_labels(self) -> list:
        from core.files.cleaning import REMOVED_LABELS

        return [REMOVED_LABELS[key] for key in self.metadata_removed or () if key in REMOVED_LABELS]


class PartialUpload(models.Model):
    """A file arriving in pieces, so an upload cut off by a dropped connection resumes where it
    stopped instead of starting over. The pieces wait in storage (resources.partial_uploads) until
    a form claims the finished upload; the file is then inspected by its content like any upload."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partial_uploads")
    name = models.CharField(_("file name"), max_length=160)
    size = models.PositiveBigIntegerField()
    received = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("unfinished upload")
        verbose_name_plural = _("unfinished uploads")
        indexes = [
            models.Index(fields=["owner", "updated_at"], name="partialupload_owner"),
            models.Index(fields=["updated_at"], name="partialupload_updated"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(received__lte=models.F("size")), name="partialupload_within_size"),
        ]

    def __str__(self):
        return self.name

    @property
    def complete(self) -> bool:
        return self.received == self.size


COLLECTION_RESERVED_SLUGS = {"edit", "items", "delete", "new"}


class Collection(models.Model):
    """A reading list chosen by experts and moderators: an introduction and resources in the
    order they chose. Members see only the published resources they may see in it."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=80, allow_unicode=False, editable=False)
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        max_length=5000,
        help_text=_("A few lines on who the collection is for. Markdown formatting is allowed."),
    )
    introduction_html = models.TextField(blank=True, editable=False)
    # The title and introduction in other languages, by language code, like the taxonomy's
    # names: {"ru": {"title": "…", "introduction": "…", "introduction_html": "…"}}.
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    language = models.ForeignKey(
        "taxonomy.Language",
        verbose_name=_("language"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The language of most resources in the collection."),
    )
    resources = models.ManyToManyField(Resource, through="CollectionItem", related_name="collections")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="resource_collections"
    )
    # Kept so the collection still says who made it after the account is deleted.
    created_by_name = models.CharField(max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["-updated_at", "-id"], name="collection_updated")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        slug = slugify(self.title)[:80].strip("-") or "collection"
        self.slug = f"{slug}-collection" if slug in COLLECTION_RESERVED_SLUGS else slug
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("resources:collection", args=[self.pk])

    def get_slugged_url(self):
        return reverse("resources:collection", args=[self.pk, self.slug or "collection"])

    def _translated(self, key: str) -> str:
        language = (get_language() or "en").lower()
        value = (self.translations or {}).get(language) or {}
        return str(value[key]) if isinstance(value, dict) and value.get(key) else ""

    @property
    def display_title(self) -> str:
        return self._translated("title") or self.title

    @property
    def display_introduction_html(self) -> str:
        return self._translated("introduction_html") or self.introduction_html

    # The language of the title and introduction shown, when it is a translation into the
    # reader's interface language (for lang and dir); empty for the original.
    @property
    def display_title_language(self) -> str:
        return (get_language() or "en").lower() if self._translated("title") else ""

    @property
    def display_introduction_language(self) -> str:
        return (get_language() or "en").lower() if self._translated("introduction_html") else ""


class CollectionItem(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="items")
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("collection item")
        verbose_name_plural = _("collection items")
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["collection", "position", "id"], name="collectionitem_order")]
        constraints = [
            models.UniqueConstraint(fields=["collection", "resource"], name="collectionitem_unique_resource"),
        ]

    def __str__(self):
        return f"{self.collection_id}/{self.position}"
