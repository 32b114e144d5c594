import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from accounts.models import Role, Status, User
from taxonomy.models import Country

TEST_PASSWORD = "correct horse battery staple"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Member {n}")
    organisation = "Crisis centre"
    role_in_organisation = "Social worker"
    country = factory.LazyFunction(lambda: Country.objects.get(slug="kz"))
    role = Role.MEMBER
    status = Status.ACTIVE
    # Established accounts that already answered the first-login privacy question and show
    # their details; a test of that question passes privacy_chosen_at=None, which leaves them
    # hidden as for any new account.
    privacy_chosen_at = factory.LazyFunction(timezone.now)
    show_organisation = factory.LazyAttribute(lambda user: user.privacy_chosen_at is not None)
    show_country = factory.LazyAttribute(lambda user: user.privacy_chosen_at is not None)
    show_presence = factory.LazyAttribute(lambda user: user.privacy_chosen_at is not None)

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or TEST_PASSWORD)
        if create:
            obj.save(update_fields=["password"])

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)

    @factory.post_generation
    def two_factor(obj, create, extracted, **kwargs):
        # Moderators and admins have two-factor on unless a test says otherwise.
        wanted = extracted if extracted is not None else obj.role in (Role.MODERATOR, Role.ADMIN)
        if create and wanted:
            TOTP.activate(obj, TOTP_SECRET)
        obj._factory_totp = bool(create and wanted)

    @factory.post_generation
    def second_factor(obj, create, extracted, **kwargs):
        # Staff with two-factor on act as after a login with the code (the user object services
        # receive; sessions: tests.helpers.with_second_factor), unless a test says otherwise.
        wanted = extracted if extracted is not None else obj._factory_totp
        if wanted and obj.role in (Role.MODERATOR, Role.ADMIN):
            from tests.helpers import with_second_factor

            with_second_factor(obj)


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
