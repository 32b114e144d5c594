"""Former members' content kept the English label "Former member" as its name snapshot; it is
now blank and labelled at read time in the reader's language."""

from django.db import migrations

LABEL = "Former member"
# (model, name snapshot field, author field if the snapshot has one)
SNAPSHOTS = [("Notification", "actor_name", "actor")]


def blank(apps, schema_editor):
    for model, name_field, author_field in SNAPSHOTS:
        by_former = {author_field: None} if author_field else {}
        apps.get_model("notifications", model).objects.filter(**by_former, **{name_field: LABEL}).update(
            **{name_field: ""}
        )


def label(apps, schema_editor):
    for model, name_field, author_field in SNAPSHOTS:
        by_former = {author_field: None} if author_field else {}
        apps.get_model("notifications", model).objects.filter(**by_former, **{name_field: ""}).update(
            **{name_field: LABEL}
        )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_content_warning")]

    operations = [migrations.RunPython(blank, label)]
