"""Translations members make of each other's posts and resources, requests for them and the
alliance's glossary. The originals live in other apps; a row names one by its registered kind
(``translations.registry``) and id."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Translation(models.Model):
    class Status(models.TextChoices):
        CURRENT = "current", _("Current")
        OUTDATED = "outdated", _("Outdated")

    kind = models.CharField(max_length=32)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(_("language"), max_length=10)
    source_language = models.CharField(max_length=10, blank=True)
    # The translated text per field of the original ({"body": ...}), and its rendered HTML
    # for the fields written in Markdown.
    fields = models.JSONField(default=dict)
    fields_html = models.JSONField(default=dict, editable=False)
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="translations"
    )
    # Kept so the translation still says who made it after the account is deleted.
    translator_name = models.CharField(max_length=80)
    source_version = models.CharField(max_length=64)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CURRENT)
    # A machine suggestion was offered, and the member read and confirmed the text.
    machine_suggested = models.BooleanField(default=False)
    checked_by_person = models.BooleanField(default=True)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Set by translations.selectors.decorate for the pages, not stored.
    is_outdated: bool
    dir: str
    language_label: str
    source_label: str

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        ordering = ["kind", "object_id", "language"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "language"], name="translation_one_per_language"),
        ]
        indexes = [
            models.Index(fields=["translator", "-updated_at"], name="translation_translator"),
            models.Index(fields=["language", "kind", "object_id"], name="translation_language"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} [{self.language}]"

    def get_absolute_url(self):
        return reverse("translations:detail", args=[self.pk])


class TranslationRequest(models.Model):
    kind = models.CharField(max_length=32)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(_("language"), max_length=10)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="translation_requests"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when a translation into the language is published.
    fulfilled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("translation request")
        verbose_name_plural = _("translation requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "language", "requester"], name="translation_request_once"
            ),
        ]
        indexes = [
            models.Index(fields=["language", "fulfilled_at", "-created_at"], name="translation_request_open"),
            models.Index(fields=["kind", "object_id", "language"], name="translation_request_object"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} → {self.language}"


class GlossaryTerm(models.Model):
    """A term of the field and how the alliance translates it into one language."""

    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    term = models.CharField(_("term (English)"), max_length=200)
    # The Russian term (from the Russian glossary), so Russian originals find the entry too.
    term_ru = models.CharField(_("term (Russian)"), max_length=200, blank=True)
    translation = models.CharField(_("translation"), max_length=300)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["language", "term"]
        constraints = [models.UniqueConstraint(fields=["language", "term"], name="glossary_term_once")]

    def __str__(self):
        return f"{self.term} → {self.translation} [{self.language}]"


class SeparateTranslation(models.Model):
    """A translation published as an item of its own beside the original, such as a resource
    holding the translated file of another resource. The item lives in its app (``copy_id``,
    of the same kind as ``object_id``), with that app's review, visibility and moderation; this
    row records whose translation it is, of which original, and which version of the original's
    files it was made from, so that a new file version of the original marks it outdated."""

    kind = models.CharField(max_length=32)
    object_id = models.PositiveBigIntegerField()
    copy_id = models.PositiveBigIntegerField()
    language = models.CharField(_("language"), max_length=10)
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="separate_translations",
    )
    # Kept so the translation still says who made it after the account is deleted.
    translator_name = models.CharField(max_length=80)
    source_version = models.CharField(max_length=64)
    status = models.CharField(max_length=16, choices=Translation.Status.choices, default=Translation.Status.CURRENT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Set by translations.selectors for the pages, not stored.
    language_label: str

    class Meta:
        verbose_name = _("separate translation")
        verbose_name_plural = _("separate translations")
        ordering = ["kind", "object_id", "language", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "copy_id"], name="separate_translation_one_original"),
        ]
        indexes = [
            models.Index(fields=["kind", "object_id", "language"], name="separate_translation_original"),
            models.Index(fields=["translator"], name="separate_translation_by"),
        ]

    def __str__(self):
        return f"{self.kind} {self.copy_id} translates {self.object_id} [{self.language}]"

    @property
    def is_outdated(self) -> bool:
        return self.status == Translation.Status.OUTDATED
