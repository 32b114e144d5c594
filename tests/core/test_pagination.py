import pytest

from accounts.models import User
from core.pagination import keyset_page
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_keyset_pages_cover_every_row_once_in_order():
    UserFactory.create_batch(23)
    seen, cursor = [], None
    while True:
        page = keyset_page(User.objects.all(), ordering=("-date_joined", "-id"), cursor=cursor, size=5)
        seen.extend(user.pk for user in page.items)
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    expected = list(User.objects.order_by("-date_joined", "-id").values_list("pk", flat=True))
    assert seen == expected


def test_text_that_looks_like_a_date_stays_text_in_a_cursor():
    UserFactory(display_name="2024-01-01")
    UserFactory(display_name="2024-01-01 b")
    first = keyset_page(User.objects.all(), ordering=("display_name", "id"), cursor=None, size=1)
    second = keyset_page(User.objects.all(), ordering=("display_name", "id"), cursor=first.next_cursor, size=1)
    assert second.items[0].display_name == "2024-01-01 b"


@pytest.mark.parametrize("cursor", ["", "garbage", "W10", "eyJhIjogMX0", "WyJ4Il0"])
def test_a_broken_cursor_gives_the_first_page(cursor):
    UserFactory.create_batch(3)
    page = keyset_page(User.objects.all(), ordering=("display_name", "id"), cursor=cursor, size=2)
    assert len(page.items) == 2 and not page.has_previous
