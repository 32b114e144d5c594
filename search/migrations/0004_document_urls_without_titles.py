"""Search results link threads and resources by id only (discreet mode): stored addresses
that carried the title as a slug lose it. The pages still answer slugged addresses."""

import re

from django.db import migrations

SLUGGED = {
    "thread": (re.compile(r"^/forum/t/(\d+)/[^/]+/$"), "/forum/t/{}/"),
    "resource": (re.compile(r"^/resources/(\d+)/[^/]+/$"), "/resources/{}/"),
}


def drop_slugs(apps, schema_editor):
    Document = apps.get_model("search", "Document")
    for kind, (pattern, address) in SLUGGED.items():
        for document in Document.objects.filter(kind=kind).only("pk", "url").iterator():
            match = pattern.match(document.url)
            if match:
                Document.objects.filter(pk=document.pk).update(url=address.format(match.group(1)))


class Migration(migrations.Migration):
    dependencies = [("search", "0003_recent_index")]

    # Going back keeps the id-only addresses: every page still answers them.
    operations = [migrations.RunPython(drop_slugs, migrations.RunPython.noop)]
