import importlib

import pytest
from django.apps import apps
from django.db.migrations.operations.special import RunPython
from django.db.models.signals import post_migrate

from accounts.models import Role, Status

from .factories import UserFactory

# Every kind of visitor the authorisation matrix checks.
PERSONAS = ["anonymous", "pending", "suspended", "rejected", "member", "expert", "moderator", "admin"]


# Data migrations whose rows tests rely on. A transactional test ends with a flush of every
# table; Django then sends post_migrate, and these seeds run again (they are idempotent).
SEED_MIGRATIONS = [
    "taxonomy.migrations.0002_seed_terms",
]


def _reseed(sender, **kwargs):
    if sender.name != "taxonomy":  # once per flush, not once per app
        return
    for module_name in SEED_MIGRATIONS:
        migration = importlib.import_module(module_name).Migration
        for operation in migration.operations:
            if isinstance(operation, RunPython):
                operation.code(apps, None)


post_migrate.connect(_reseed, dispatch_uid="tests-reseed")


def make_persona(name: str):
    if name == "anonymous":
        return None
    if name == "pending":
        return UserFactory(role=Role.APPLICANT, status=Status.PENDING)
    if name in ("suspended", "rejected"):
        return UserFactory(role=Role.MEMBER, status=name)
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
    client.force_login(moderator)
    return client


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate-limit counters and cached sessions must not leak from one test to the next.
    from django.core.cache import cache

    cache.clear()
    yield
