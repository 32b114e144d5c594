"""What every feature keeps of a file a member attached to their text (forum posts, chat
messages): what inspection found, and how it shows. Each feature subclasses it with its
uploader, the file and thumbnail fields, what the file belongs to and its addresses."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .inspection import extensions_for
from .rendering import attachment_html, reference_for

# What members may attach: pictures, and documents that open without running anything.
ATTACHMENT_KINDS = frozenset({"jpeg", "png", "webp", "gif", "pdf", "docx", "xlsx", "pptx", "odt", "txt"})
# The file inputs' hint to the phone's or browser's file picker.
ATTACHMENT_ACCEPT = ",".join(extensions_for(ATTACHMENT_KINDS))


class StoredAttachment(models.Model):
    class Kind(models.TextChoices):
        IMAGE = "image", _("picture")
        FILE = "file", _("file")

    kind = models.CharField(max_length=5, choices=Kind.choices)
    original_name = models.CharField(max_length=160)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    cleaned = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    # The subclass's URL names of the file and of its thumbnail, and the field naming what the
    # file belongs to (empty until the text that refers to it is published).
    url_name: str
    thumbnail_url_name: str
    owner_field: str

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse(self.url_name, args=[self.pk])

    @classmethod
    def kept_for_unpublished_text(cls, candidates) -> set[int]:
        """Ids among ``candidates`` (attachments that belong to nothing yet) that text still
        being written refers to, such as a saved draft; the cleanup keeps them."""
        return set()

    @property
    def thumbnail_url(self):
        return reverse(self.thumbnail_url_name, args=[self.pk])

    @property
    def is_image(self) -> bool:
        return self.kind == self.Kind.IMAGE

    def reference(self) -> str:
        return reference_for(self)

    def figure(self, label: str) -> str:
        return attachment_html(
            url=self.get_absolute_url(),
            thumb_url=self.thumbnail_url,
            label=label,
            is_image=self.is_image,
            size=self.size,
            width=self.width,
            height=self.height,
        )
