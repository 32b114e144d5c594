import pytest

from accounts.models import Role
from forum import demo
from forum.models import Post, Thread
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EMAILS = [
    "admin@example.org",
    "moderator@example.org",
    "expert@example.org",
    "member@example.org",
    "kz.member@example.org",
    "kg.member@example.org",
    "tj.member@example.org",
    "tm.member@example.org",
    "uz.member@example.org",
    "af.member@example.org",
]


def _users():
    roles = {
        "admin@example.org": Role.ADMIN,
        "moderator@example.org": Role.MODERATOR,
        "expert@example.org": Role.EXPERT,
    }
    return {email: UserFactory(email=email, role=roles.get(email, Role.MEMBER)) for email in EMAILS}


def test_the_demo_seed_is_idempotent():
    users = _users()
    demo.seed(users)
    threads, posts = Thread.objects.count(), Post.objects.count()
    demo.seed(users)
    assert threads == len(demo.THREADS)
    assert (Thread.objects.count(), Post.objects.count()) == (threads, posts)
