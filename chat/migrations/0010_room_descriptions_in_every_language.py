"""The alliance's rooms are described in every interface language, like their names: a Russian
column and a JSON field for the others. The seeded descriptions, formerly written here, now come
from locale/names.json, filled in after every ``migrate`` (post_migrate) and by
``manage.py load_names`` (taxonomy/seed_names.py); the data step is frozen as a no-op."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("chat", "0009_mentions_by_member_id")]

    operations = [
        migrations.AddField(
            model_name="room",
            name="description_ru",
            field=models.CharField(blank=True, max_length=300, verbose_name="description (Russian)"),
        ),
        migrations.AddField(
            model_name="room",
            name="descriptions",
            field=models.JSONField(
                blank=True, default=dict, verbose_name="descriptions in the other interface languages"
            ),
        ),
        migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop),
    ]
