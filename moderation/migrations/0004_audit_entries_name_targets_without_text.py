"""Audit entries name their target by kind and id; they never keep what a member wrote.

Older entries copied the target's text into ``target_repr`` (a chat message's first words, a
thread's title) and a deleted chat message's text into ``data["text"]``. This replaces every
non-member target's label with "<kind> <id>" and drops the copied text.

The reverse is deliberately a no-op: the removed text is gone (that is the point of the
change, a deleted message must not survive in the log), so there is nothing to put back, and
the new labels are valid under the old code too.
"""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Concat

COPIED_TEXT_KEYS = ("text", "body", "snapshot")


def scrub_copied_text(apps, schema_editor):
    AuditEntry = apps.get_model("moderation", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    used = AuditEntry.objects.exclude(target_type=None).values("target_type")
    for content_type in ContentType.objects.filter(pk__in=used).exclude(app_label="accounts", model="user"):
        AuditEntry.objects.filter(target_type=content_type).update(
            target_repr=Concat(Value(f"{content_type.model} "), "target_id")
        )
    for entry in AuditEntry.objects.exclude(data={}).only("pk", "data").iterator():
        if isinstance(entry.data, dict) and any(key in entry.data for key in COPIED_TEXT_KEYS):
            data = {key: value for key, value in entry.data.items() if key not in COPIED_TEXT_KEYS}
            # update(), not save(): the live model refuses changes to the append-only log.
            AuditEntry.objects.filter(pk=entry.pk).update(data=data)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("moderation", "0003_audit_action_choices"),
    ]

    operations = [migrations.RunPython(scrub_copied_text, migrations.RunPython.noop)]
