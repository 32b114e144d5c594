"""Demo accounts for the embedded run: one per role and one member per country.

Idempotent: running it again updates the same accounts. Never used in production."""

from datetime import UTC, datetime

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt
from django.contrib.auth.hashers import make_password

from taxonomy.models import Country, Language, Theme

from . import permissions
from .models import Role, Status, User

DEMO_PRIVACY_CHOSEN_AT = datetime(2026, 1, 1, tzinfo=UTC)

DEMO_ACCOUNTS = [
    # email, display name, role, country, organisation, role in organisation, languages
    (
        "admin@example.org",
        "Dana (Alliance secretariat)",
        Role.ADMIN,
        "regional",
        "Alliance secretariat",
        "Platform administrator",
        ["en", "ru"],
    ),
    (
        "moderator@example.org",
        "Aigerim S.",
        Role.MODERATOR,
        "kz",
        "Союз кризисных центров Казахстана",
        "Координатор программ",
        ["ru", "kk", "en"],
    ),
    (
        "expert@example.org",
        "Dr. Nodira Karimova",
        Role.EXPERT,
        "uz",
        "Tashkent Gender Research Centre",
        "Senior researcher",
        ["uz", "ru", "en"],
    ),
    (
        "member@example.org",
        "Malika",
        Role.MEMBER,
        "tj",
        "Общественная организация «Гулрухсор»",
        "Психолог",
        ["tg", "ru"],
    ),
    (
        "kz.member@example.org",
        "Айжан Н.",
        Role.MEMBER,
        "kz",
        "Кризисный центр «Забота», Алматы",
        "Социальный работник",
        ["kk", "ru"],
    ),
    ("kg.member@example.org", "Bermet A.", Role.MEMBER, "kg", "Sezim Crisis Centre, Bishkek", "Lawyer", ["ky", "ru"]),
    (
        "tj.member@example.org",
        "Фарзона Р.",
        Role.MEMBER,
        "tj",
        "Коалиция «От равенства де-юре к равенству де-факто»",
        "Юрист",
        ["tg", "ru"],
    ),
    (
        "tm.member@example.org",
        "Ogulgerek",
        Role.MEMBER,
        "tm",
        "Youth initiative group, Ashgabat",
        "Volunteer coordinator",
        ["tk", "ru"],
    ),
    (
        "uz.member@example.org",
        "Dilnoza T.",
        Role.MEMBER,
        "uz",
        "Ishonch telefoni (hotline), Samarkand",
        "Hotline supervisor",
        ["uz", "uz-cyrl", "ru"],
    ),
    (
        "af.member@example.org",
        "Partner in Afghanistan",
        Role.MEMBER,
        "af",
        "Women's rights network (partner)",
        "Programme officer",
        ["fa-af", "ps", "en"],
    ),
]

PENDING_APPLICANTS = [
    (
        "applicant.kg@example.org",
        "Жылдыз К.",
        "kg",
        "ОФ «Ак-Журок», Ош",
        "Психолог кризисного центра",
        "Хотим обмениваться методиками работы с пострадавшими от похищения невест.",
    ),
    (
        "applicant.kz@example.org",
        "Timur B.",
        "kz",
        "Karaganda regional police academy",
        "Trainer",
        "I train district police inspectors on protection orders and would like to share our curriculum.",
    ),
]


def _ensure_totp(user: User) -> str:
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator:
        return decrypt(authenticator.data["secret"])
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def seed(password: str) -> dict:
    countries = {c.slug: c for c in Country.objects.all()}
    languages = {lang.slug: lang for lang in Language.objects.all()}
    themes = list(Theme.objects.all())
    users, secrets = {}, {}
    # One hash for every demo account: hashing is deliberately slow, and these share a password.
    encoded = make_password(password)
    for index, (email, name, role, country, organisation, job, langs) in enumerate(DEMO_ACCOUNTS):
        user, _ = User.objects.update_or_create(
            email=email,
            defaults={
                "display_name": name,
                "role": role,
                "status": Status.ACTIVE,
                "country": countries[country],
                "organisation": organisation,
                "role_in_organisation": job,
                "bio": "",
                "show_organisation": True,
                "show_country": email != "af.member@example.org",
                "show_presence": True,
                # The demo members have made their privacy choice: the first login goes to the hub.
                "privacy_chosen_at": DEMO_PRIVACY_CHOSEN_AT,
            },
        )
        user.password = encoded
        user.save()
        user.languages.set([languages[code] for code in langs])
        user.expertise.set(themes[index % len(themes) :: 7][:3])
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        if role in (Role.ADMIN, Role.MODERATOR):
            secrets[email] = _ensure_totp(user)
            # The seed runs on the server and acts for the demo staff, as after their login.
            permissions.act_as_operator(user)
        users[email] = user
    for email, name, country, organisation, job, motivation in PENDING_APPLICANTS:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "display_name": name,
                "role": Role.APPLICANT,
                "status": Status.PENDING,
                "country": countries[country],
                "organisation": organisation,
                "role_in_organisation": job,
                "motivation": motivation,
            },
        )
        if created:
            user.password = encoded
            user.save()
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return {"users": users, "totp_secrets": secrets}
