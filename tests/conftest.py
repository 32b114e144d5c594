import pytest
from django.apps import apps
from django.core.management.color import no_style
from django.db import connections, transaction

from accounts.models import Role, Status

from .factories import UserFactory
from .helpers import with_second_factor

# Every kind of visitor the authorisation matrix checks.
PERSONAS = [
    "anonymous",
    "pending",
    "suspended",
    "rejected",
    "member",
    "expert",
    "moderator",
    "admin",
    "staff_no_2fa",
    "scoped_moderator",
]


# A transactional test ends with a flush of every table, after which Django would send
# post_migrate: content types and permissions rebuilt, and (formerly) every seed data migration
# run again, 1 to 3 seconds per test. Instead, each test process photographs the rows the
# migrations left (seed taxonomy, categories, rooms, content types, permissions) once, and
# puts them back with one bulk insert per table right after each flush, same primary keys.
def _snapshot_rows(using):
    snapshot = []
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.managed or model._meta.proxy:
            continue
        rows = list(model._base_manager.using(using).order_by("pk").values())
        if rows:
            snapshot.append((model, rows))
    return snapshot


def _restore_rows(snapshot, using):
    from django.contrib.contenttypes.models import ContentType

    connection = connections[using]
    with transaction.atomic(using=using):  # foreign keys are checked at commit, so any order
        for model, rows in snapshot:
            model._base_manager.using(using).bulk_create([model(**row) for row in rows])
        # Primary keys were given explicitly: move PostgreSQL's sequences past them.
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [model for model, _ in snapshot]):
                cursor.execute(sql)
    ContentType.objects.clear_cache()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from django.core.management.commands import flush

    with django_db_blocker.unblock():
        snapshots = {alias: _snapshot_rows(alias) for alias in connections}

    def restore_after_flush(verbosity, interactive, db, **kwargs):
        _restore_rows(snapshots[db], db)

    # flush's only post_migrate emitter; `migrate` (tests of migrations) keeps the real signal.
    emit = flush.emit_post_migrate_signal
    flush.emit_post_migrate_signal = restore_after_flush
    yield
    flush.emit_post_migrate_signal = emit


def make_persona(name: str):
    if name == "anonymous":
        return None
    if name == "pending":
        return UserFactory(role=Role.APPLICANT, status=Status.PENDING)
    if name in ("suspended", "rejected"):
        return UserFactory(role=Role.MEMBER, status=name)
    if name == "staff_no_2fa":  # two-factor set up, but this session used the password alone
        return UserFactory(role=Role.ADMIN, second_factor=False)
    if name == "scoped_moderator":
        from taxonomy.models import Country

        kg = Country.objects.get(slug="kg")
        moderator = UserFactory(role=Role.MODERATOR, country=kg)
        moderator.moderated_countries.set([kg])
        return moderator
    return UserFactory(role=name)


@pytest.fixture
def member(db):
    return UserFactory(role=Role.MEMBER)


@pytest.fixture
def other_member(db):
    return UserFactory(role=Role.MEMBER)


@pytest.fixture
def expert(db):
    return UserFactory(role=Role.EXPERT)


@pytest.fixture
def moderator(db):
    return UserFactory(role=Role.MODERATOR)


@pytest.fixture
def admin_user(db):
    return UserFactory(role=Role.ADMIN)


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def moderator_client(client, moderator):
    return with_second_factor(moderator, client)


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def channel_layer():
    """A channel layer of this test's own, shared by the test and the code it calls: the
    process-wide one may still be tied to an event loop that an earlier async test used
    (channels_redis refuses to receive from two loops)."""
    from channels.layers import channel_layers, get_channel_layer

    channel_layers.backends = {}
    yield get_channel_layer()
    channel_layers.backends = {}


@pytest.fixture(autouse=True)
def _default_language():
    # A request leaves its member's language active in the thread: each test starts in English.
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate-limit counters and cached sessions must not leak from one test to the next.
    from django.core.cache import cache

    cache.clear()
    yield
