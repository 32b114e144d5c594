"""Applications from email domains that imitate a member organisation's are flagged in the
application queue: mixed scripts, punycode look-alikes, digit-for-letter swaps."""

import pytest

from accounts.models import Role, Status
from accounts.names import email_domain_warning
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

KNOWN = {"crisis-centre.kz", "legalaid.tj"}


def _applicant(email):
    return UserFactory(email=email, role=Role.APPLICANT, status=Status.PENDING)


@pytest.mark.parametrize(
    "domain",
    [
        "\u0441risis-centre.kz",  # Cyrillic с, as typed
        "xn--risis-centre-7gk.kz",  # the same, as punycode
        "lega1aid.tj",  # digit one for l
        "xn--zz-broken.kz",  # punycode that does not decode
    ],
)
def test_look_alike_domains_are_flagged(domain):
    assert email_domain_warning(domain, KNOWN)


@pytest.mark.parametrize("domain", ["crisis-centre.kz", "gmail.com", "пример.рф", "xn--e1afmkfd.xn--p1ai"])
def test_ordinary_domains_are_not_flagged(domain):
    assert email_domain_warning(domain, KNOWN) == ""


def test_the_application_queue_flags_a_look_alike_of_a_members_domain(moderator_client):
    UserFactory(email="director@crisis-centre.kz")
    _applicant("impostor@xn--risis-centre-7gk.kz")
    _applicant("honest@example-ngo.kg")
    page = moderator_client.get("/moderation/applications/").content.decode()
    assert page.count("Look-alike email domain") == 1
    assert "looks like crisis-centre.kz" in page or "mixes letters from different alphabets" in page
