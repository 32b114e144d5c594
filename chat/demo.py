"""Demo chat for the embedded run: conversations in the seeded rooms, a private room and a
direct conversation. Idempotent: each message has a fixed client id, so a second run finds
the stored messages instead of adding copies. Never used in production."""

from . import services
from .models import Room, RoomMember

REGIONAL = [
    (
        "kz.member@example.org",
        "Доброе утро всем! В Алматы мы запустили горячую линию для женщин с инвалидностью, работает на казахском и русском.",
    ),
    (
        "kg.member@example.org",
        "Поздравляю! Можете поделиться скриптом для операторов? Мы в Бишкеке готовим похожий проект.",
    ),
    (
        "kz.member@example.org",
        "Да, загружу его в библиотеку на этой неделе. Там есть раздел про **безопасное завершение звонка**.",
    ),
    (
        "uz.member@example.org",
        "Good morning from Tashkent. Has anyone worked with mahalla committees on referral pathways? We need examples.",
    ),
    (
        "expert@example.org",
        "Yes: see the UN Women guidance on *coordinated community response*; we adapted it for mahallas in 2024. I can share our training outline.",
    ),
    (
        "tj.member@example.org",
        "В Душанбе то же самое: работаем с джамоатами. Было бы полезно сравнить подходы на отдельном вебинаре.",
    ),
    (
        "member@example.org",
        "Reminder for everyone: when you share cases here, remove names, villages and dates. Thank you!",
    ),
]
COUNTRY_KZ = [
    ("kz.member@example.org", "Коллеги, кто-нибудь уже применяет новые поправки о семейно-бытовом насилии в судах?"),
    ("moderator@example.org", "Да, в Караганде первые дела уже рассмотрены. Подготовлю краткий обзор для форума."),
]
PRIVATE = [
    (
        "moderator@example.org",
        "Здесь координаторы убежищ обмениваются данными о свободных местах. Пожалуйста, без личных данных клиенток.",
    ),
    ("kz.member@example.org", "Алматы: 2 свободных места до конца месяца."),
    ("kg.member@example.org", "Ош: мест нет, но можем принять на 3 дня в экстренном порядке."),
]
DIRECT = [
    ("member@example.org", "Hi! Could we talk about the joint proposal for the regional youth campaign?"),
    ("af.member@example.org", "Of course. I will send our draft budget tomorrow."),
]


def _post(users, room, lines, prefix):
    for index, (email, body) in enumerate(lines):
        sender = users.get(email)
        if sender is not None:
            services.message_send(sender=sender, room=room, body=body, client_id=f"demo-{prefix}-{index}")


def seed(users: dict) -> None:
    _post(users, Room.objects.get(slug="regional-exchange"), REGIONAL, "regional")
    _post(users, Room.objects.get(slug="country-kz"), COUNTRY_KZ, "kz")

    owner = users.get("moderator@example.org")
    if owner is not None:
        room = Room.objects.filter(slug="shelter-coordinators").first()
        if room is None:
            room = services.room_create(
                owner=owner,
                name="Shelter coordinators",
                description="Free places in shelters across the region",
                retention_days=30,
            )
        for email in ("kz.member@example.org", "kg.member@example.org"):
            person = users.get(email)
            if (
                person is not None
                and not RoomMember.objects.filter(room=room, user=person, is_participant=True).exists()
            ):
                services.room_member_add(actor=owner, room=room, member=person)
        _post(users, room, PRIVATE, "shelters")

    first, second = users.get("member@example.org"), users.get("af.member@example.org")
    if first is not None and second is not None:
        _post(users, services.direct_start(sender=first, recipients=[second]), DIRECT, "direct")
