"""Library descriptions sit right under the page title, so their headings now start at h2 (they
started at h3, which skipped a level). Stored HTML is renumbered in place; the function is a
copy, so that the migration never depends on live code."""

import re

from django.db import migrations

HEADING = re.compile(r"<(/?)h([1-6])>")


def renumber(html: str, top: int) -> str:
    levels = [int(level) for closing, level in HEADING.findall(html) if not closing]
    if not levels:
        return html
    ranks = {level: top + rank for rank, level in enumerate(sorted(set(levels)))}
    out, previous = [], top - 1
    for level in levels:
        previous = min(ranks[level], previous + 1, 6)
        out.append(previous)
    opened = iter(out)
    stack = []

    def swap(match):
        if match.group(1):
            return f"</h{stack.pop()}>"
        stack.append(next(opened))
        return f"<h{stack[-1]}>"

    return HEADING.sub(swap, html)


def _renumber_all(apps, top):
    Resource = apps.get_model("resources", "Resource")
    for resource in Resource.objects.filter(description_html__contains="<h").only("pk", "description_html"):
        html = renumber(resource.description_html, top)
        if html != resource.description_html:
            Resource.objects.filter(pk=resource.pk).update(description_html=html)


def forwards(apps, schema_editor):
    _renumber_all(apps, 2)


def backwards(apps, schema_editor):
    _renumber_all(apps, 3)


class Migration(migrations.Migration):
    dependencies = [("resources", "0005_content_warning_one_length")]

    operations = [migrations.RunPython(forwards, backwards)]
