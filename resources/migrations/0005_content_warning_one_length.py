# Content warnings have one length everywhere (core.content_warning); the library allowed 200
# characters, which the search index (120) could not store on PostgreSQL.

from django.db import migrations, models
from django.db.models.functions import Left, Length

LENGTH = 120  # core.content_warning.CONTENT_WARNING_MAX_LENGTH when this was written


def shorten(apps, schema_editor):
    Resource = apps.get_model("resources", "Resource")
    Resource.objects.annotate(n=Length("content_warning")).filter(n__gt=LENGTH).update(
        content_warning=Left("content_warning", LENGTH)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0004_fileversion_metadata_removed"),
    ]

    operations = [
        # Going back keeps the shortened warnings: the longer field holds them as they are.
        migrations.RunPython(shorten, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="resource",
            name="content_warning",
            field=models.CharField(
                blank=True,
                help_text="Optional. The resource stays collapsed until the reader opens it.",
                max_length=LENGTH,
                verbose_name="content warning",
            ),
        ),
    ]
