"""Files members uploaded for a post or a message they never published. Pictures and
documents about survivors should not stay on the server because a tab was closed: after
``ATTACHMENT_UNATTACHED_HOURS`` an attachment that belongs to nothing, and that no saved
draft refers to, is deleted with its files (the features' post_delete receivers)."""

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.utils import timezone

from .models import StoredAttachment

DEFAULT_UNATTACHED_HOURS = 48


def attachment_models() -> list[type[StoredAttachment]]:
    return [model for model in apps.get_models() if issubclass(model, StoredAttachment)]


def unattached_remove(*, now=None) -> int:
    hours = getattr(settings, "ATTACHMENT_UNATTACHED_HOURS", DEFAULT_UNATTACHED_HOURS)
    cutoff = (now or timezone.now()) - timedelta(hours=hours)
    removed = 0
    for model in attachment_models():
        candidates = list(model.objects.filter(**{f"{model.owner_field}__isnull": True, "created_at__lt": cutoff}))
        kept = model.kept_for_unpublished_text(candidates)
        for attachment in candidates:
            if attachment.pk not in kept:
                attachment.delete()  # one by one, so each file goes with its row
                removed += 1
    return removed
