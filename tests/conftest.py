import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.db.migrations.operations.special import RunPython
from django.db.models.signals import post_migrate

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


# A transactional test ends with a flush of every table; Django then sends post_migrate,
# and the project's data migrations named "*seed*" run again (they must be idempotent), so
# later tests find the taxonomy, categories and rooms those migrations create.
PROJECT_APPS = ["taxonomy", "accounts", "moderation", "forum", "resources", "chat"]


def _seed_migrations():
    modules = []
    for app_label in PROJECT_APPS:
        directory = Path(apps.get_app_config(app_label).path) / "migrations"
        for path in sorted(directory.glob("*seed*.py")):
            modules.append(importlib.import_module(f"{app_label}.migrations.{path.stem}"))
    return modules


def _reseed(sender, **kwargs):
    if sender.name != "taxonomy":  # once per flush, not once per app
        return
    for module in _seed_migrations():
        for operation in module.Migration.operations:
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


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate-limit counters and cached sessions must not leak from one test to the next.
    from django.core.cache import cache

    cache.clear()
    yield
