"""Stored mentions keep the member id: ``@[Name]`` in chat messages becomes ``@[Name](member:42)`` and
the stored HTML shows it as a link to the profile, for the members each message already lists as
mentioned. Backward turns both back into ``@[Name]``. Runs before display names are made unique
(which may add a suffix to a name), so the names in the text still match.

Self-contained on purpose: migrations never import application code.
"""

import html
import re

from django.db import migrations

ID_FORM = re.compile(r"@\[([^\[\]\n@]{1,80})\]\(member:(\d{1,12})\)")
ANCHOR = re.compile(r'<a class="mention" href="[^"<>]*" data-member-id="\d{1,12}">@([^<]*)</a>')


def _to_ids(text, rendered, people):
    for pk, name in people:
        typed = re.compile(r"(?<![\w@])@\[" + re.escape(name) + r"\](?!\(member:)", re.IGNORECASE)
        text = typed.sub(lambda m, pk=pk, name=name: f"@[{name}](member:{pk})", text)
        shown = re.compile(r"(?<![\w@])@\[" + re.escape(html.escape(name, quote=False)) + r"\]", re.IGNORECASE)
        anchor = f'<a class="mention" href="/members/{pk}/" data-member-id="{pk}">@{html.escape(name)}</a>'
        rendered = shown.sub(lambda m, anchor=anchor: anchor, rendered)
    return text, rendered


def _to_names(text, rendered):
    text = ID_FORM.sub(lambda m: f"@[{m.group(1)}]", text)
    rendered = ANCHOR.sub(lambda m: f"@[{m.group(1)}]", rendered)
    return text, rendered


def _rows(model):
    through = model.mentions.through
    people = {}
    for row in through.objects.values_list(f"{model._meta.model_name}_id", "user_id", "user__display_name"):
        if row[2]:
            people.setdefault(row[0], []).append((row[1], row[2]))
    return people


def forward(apps, schema_editor):
    Message = apps.get_model("chat", "Message")
    people = _rows(Message)
    for message in Message.objects.filter(pk__in=list(people)).only("id", "body", "body_html"):
        body, body_html = _to_ids(message.body, message.body_html, people[message.pk])
        if (body, body_html) != (message.body, message.body_html):
            Message.objects.filter(pk=message.pk).update(body=body, body_html=body_html)


def backward(apps, schema_editor):
    Message = apps.get_model("chat", "Message")
    for message in Message.objects.filter(body__contains="](member:").only("id", "body", "body_html"):
        body, body_html = _to_names(message.body, message.body_html)
        Message.objects.filter(pk=message.pk).update(body=body, body_html=body_html)


class Migration(migrations.Migration):
    dependencies = [
        ("chat", "0008_seed_names_in_every_language"),
    ]
    run_before = [("accounts", "0008_display_name_skeleton")]

    operations = [migrations.RunPython(forward, backward)]
