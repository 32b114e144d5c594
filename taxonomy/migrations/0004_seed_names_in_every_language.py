"""Formerly seeded the terms' names in the other interface languages. Frozen as a no-op so the
migration graph stays the same: the names now come from locale/names.json, filled in after every
``migrate`` (post_migrate) and by ``manage.py load_names`` (taxonomy/seed_names.py)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0003_names_in_every_language")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
