from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0003_partial_uploads"),
    ]

    operations = [
        migrations.AddField(
            model_name="fileversion",
            name="metadata_removed",
            field=models.JSONField(blank=True, default=None, null=True),
        ),
    ]
