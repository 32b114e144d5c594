"""`manage.py seed_demo` as `make run` calls it: a demo that looks alive, seeded once.

One test seeds once and checks everything, since seeding takes a few seconds."""

import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from chat.models import Message, Room
from forum.models import Post, Thread, ThreadRead
from notifications.models import Notification
from resources import previews
from resources.models import FileVersion, Resource, State
from search.models import Document as SearchDocument
from translations.models import GlossaryTerm

pytestmark = pytest.mark.django_db

DEMO_MEMBER = "member@example.org"


def _counts():
    return {
        "threads": Thread.objects.count(),
        "posts": Post.objects.count(),
        "resources": Resource.objects.count(),
        "versions": FileVersion.objects.count(),
        "messages": Message.objects.count(),
        "rooms": Room.objects.count(),
        "notifications": Notification.objects.count(),
        "search": SearchDocument.objects.count(),
        "glossary": GlossaryTerm.objects.count(),
    }


def test_seed_demo_fills_every_part_once(monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setenv("DEMO_PASSWORD", "a demo passphrase 2026")
    started = time.monotonic()
    # Thumbnails are made after the seed's transaction commits, as in `make run`.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=StringIO())
    elapsed = time.monotonic() - started

    # Forum: threads across categories and countries, with replies, reactions, quotes, mentions.
    threads = Thread.objects.all()
    assert threads.count() >= 30
    assert threads.values("category").distinct().count() >= 8
    assert threads.exclude(country=None).values("country").distinct().count() == 7  # six and regional
    assert threads.exclude(content_warning="").count() >= 4
    assert {thread.language for thread in threads} >= {"ru", "en", "kk", "ky", "tg", "uz", "fa-af"}
    assert all(thread.post_count - 1 <= 8 for thread in threads)
    assert Post.objects.filter(position__gt=1).count() >= 90
    assert Post.objects.exclude(reaction_counts={}).count() >= 60
    assert Post.objects.filter(body__startswith=">").exists()
    mentioned = Post.objects.filter(mentions__email=DEMO_MEMBER)
    assert mentioned.exists() and all("](member:" in post.body for post in mentioned)
    # Dated over the last weeks, not all now.
    assert (threads.latest("created_at").created_at - threads.earliest("created_at").created_at).days >= 20
    # Nothing is dated in the future.
    assert not Post.objects.filter(created_at__gt=timezone.now()).exists()
    assert not threads.filter(last_posted_at__gt=timezone.now()).exists()

    # The demo member has read some threads and not others.
    read = ThreadRead.objects.filter(user__email=DEMO_MEMBER).values_list("thread", flat=True)
    assert 5 <= threads.exclude(pk__in=read).count() < threads.count()

    # Library: at least twenty published resources, each with a file that has a preview.
    published = Resource.objects.filter(state=State.PUBLISHED, has_files=True)
    assert published.count() >= 20
    for resource in published:
        versions = FileVersion.objects.filter(file__resource=resource)
        assert any(previews.is_readable(v) and v.thumbnail for v in versions), resource.title
    kinds = set(FileVersion.objects.values_list("kind", flat=True))
    assert {"pdf", "docx", "odt"} <= kinds
    assert FileVersion.objects.filter(kind="pdf", metadata_stripped=True).exists()

    # Chat: several rooms, three direct conversations, several senders over several days.
    busy_rooms = [room for room in Room.objects.exclude(kind=Room.Kind.DIRECT) if room.messages.exists()]
    assert len(busy_rooms) >= 5
    assert Room.objects.filter(kind=Room.Kind.DIRECT, messages__isnull=False).distinct().count() == 3
    assert Message.objects.count() >= 60
    assert Message.objects.values("sender").distinct().count() >= 8
    assert len({moment.date() for moment in Message.objects.values_list("created_at", flat=True)}) >= 5

    # Notifications wait for the demo member; search finds what was written.
    assert Notification.objects.filter(recipient__email=DEMO_MEMBER, read_at=None).count() >= 3
    assert SearchDocument.objects.count() >= 30
    # Results carry the content's own dates (the demo dates it back after writing it) and
    # read mentions as names.
    for model, kind in ((Post, "post"), (Message, "message")):
        dates = dict(model.objects.values_list("pk", "created_at"))
        indexed = SearchDocument.objects.filter(kind=kind).values_list("object_id", "created_at")
        assert all(created_at == dates[object_id] for object_id, created_at in indexed), kind
    assert not SearchDocument.objects.filter(body__contains="](member:").exists()
    # The glossary the translation form shows, in Russian among others.
    assert GlossaryTerm.objects.filter(language="ru").exists()

    # Running it again adds nothing.
    before = _counts()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=StringIO())
    assert _counts() == before
    # Generous: the machine running tests is shared.
    assert elapsed < 120
