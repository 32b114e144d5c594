import pytest
from allauth.usersessions.models import UserSession

from accounts.privacy import coarsen_ip

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "ip,expected",
    [("192.0.2.57", "192.0.2.0"), ("2001:db8:1:2::7", "2001:db8:1::"), ("", None), ("not-an-ip", None)],
)
def test_session_ips_are_kept_only_as_their_network(ip, expected):
    assert coarsen_ip(ip) == expected


def test_the_session_list_never_stores_a_full_ip_address(client, member):
    client.force_login(member)
    client.get("/", REMOTE_ADDR="203.0.113.77")
    assert set(UserSession.objects.filter(user=member).values_list("ip", flat=True)) <= {"127.0.0.0", "203.0.113.0"}
