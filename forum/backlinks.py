"""Threads that point at a library resource: tied to it ("Discuss in the forum") or with a
visible post that links to its page (forum.links records those links when a post is written).
Registered with core.backlinks."""

import re

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.backlinks import register_backlinks

from .models import Post, Thread

SHOWN = 5
# kind (as forum.links records it) -> app label and model of a thread's subject
KINDS = {"resource": ("resources", "resource")}


def threads_linking_to(kind: str, object_id: int, user) -> list[tuple[str, str]]:
    if kind not in KINDS or not re.fullmatch(r"\d{1,12}", str(object_id)):
        return []
    app_label, model = KINDS[kind]
    linking = (
        Post.objects.visible_to(user)
        .filter(is_deleted=False, links__kind=kind, links__object_id=int(object_id))
        .values("thread_id")
    )
    subject = Q(subject_type__app_label=app_label, subject_type__model=model, subject_id=object_id)
    threads = (
        Thread.objects.visible_to(user)
        .filter(subject | Q(pk__in=linking))
        .only("pk", "title")
        .order_by("-last_posted_at", "-id")[:SHOWN]
    )
    return [(thread.title, thread.get_absolute_url()) for thread in threads]


def register() -> None:
    register_backlinks("forum", label=_("Discussed in the forum"), provider=threads_linking_to)
