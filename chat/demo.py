"""Demo chat for the embedded run: conversations over several days in the seeded rooms, a
private room and direct conversations, sent through the chat services (read state, mentions,
notifications) and then dated. Idempotent: each message has a fixed client id, so a second run
finds the stored messages instead of adding copies. Never used in production."""

import re
from datetime import timedelta

from django.test import override_settings
from django.utils import timezone

from . import services
from .models import Message, Room, RoomMember

WHO = {
    "mod": "moderator@example.org",
    "exp": "expert@example.org",
    "mem": "member@example.org",
    "kz": "kz.member@example.org",
    "kg": "kg.member@example.org",
    "af": "af.member@example.org",
}
MENTION = re.compile(r"@\{(\w+)\}")

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
    ("kg.member@example.org", "Салам! Кто будет на онлайн-встрече по 16 дням активизма в четверг?"),
    ("tm.member@example.org", "I will join, but only by audio."),
    ("uz.member@example.org", "Men ham qatnashaman. Bizning radio efirlari haqida gapirib beraman."),
    ("moderator@example.org", "Отлично. @{mem}, расскажете про открытые консультации юристов в Душанбе?"),
    ("member@example.org", "Да, конечно. Подготовлю пять минут и пару цифр."),
    ("af.member@example.org", "I can share how our partners work in small groups at home, without naming places."),
    ("expert@example.org", "Thank you all. The notes of the call will be in the forum on Friday."),
    ("kz.member@example.org", "Скрипт горячей линии уже в библиотеке, раздел «Руководства»."),
    ("tj.member@example.org", "Рахмат! Переведём его на таджикский к концу месяца."),
    ("kg.member@example.org", "Бизде да кыргыз тилине которуу керек. @{kz}, уруксат бересизби?"),
    ("kz.member@example.org", "Конечно, лицензия CC BY, переводите свободно."),
    ("member@example.org", "Коллеги, на следующей неделе у нас тренинг по супервизии. Если будут записи, поделюсь."),
]
COUNTRY_KZ = [
    ("kz.member@example.org", "Коллеги, кто-нибудь уже применяет новые поправки о семейно-бытовом насилии в судах?"),
    ("moderator@example.org", "Да, в Караганде первые дела уже рассмотрены. Подготовлю краткий обзор для форума."),
    ("kz.member@example.org", "Спасибо! Особенно интересно, как суды смотрят на повторные нарушения ордера."),
    ("moderator@example.org", "Коротко: в двух делах из пяти — административный арест. Подробнее в обзоре."),
    ("kz.member@example.org", "Бүгін Алматыда кездесу болады ма? Мен 15:00-де келе аламын."),
    ("moderator@example.org", "Иә, 15:00 жақсы. Кеңседе кездесейік."),
]
ESSENTIAL = [
    ("kg.member@example.org", "Does anyone have a duty roster template for forensic doctors at weekends?"),
    ("expert@example.org", "Not a template, but the referral note in the library describes how Bishkek agreed it."),
    ("member@example.org", "Мы в Душанбе тоже ищем решение. @{kg}, можно с вами созвониться?"),
    ("kg.member@example.org", "Да, давайте во вторник в 11:00 по Бишкеку."),
    ("uz.member@example.org", "Bizda dam olish kunlari navbatchi shifokor bor, lekin faqat viloyat markazida."),
    ("kz.member@example.org", "В Алматы помог меморандум с городским управлением здравоохранения."),
    ("expert@example.org", "Could you upload the memorandum, without names and signatures? It would help many."),
    ("kz.member@example.org", "Да, уберу подписи и загружу."),
]
PREVENTION = [
    ("tm.member@example.org", "We tried the traffic light exercise with the girls' group. It worked very well!"),
    ("tj.member@example.org", "Рада слышать! Сколько времени заняло упражнение?"),
    ("tm.member@example.org", "About 40 minutes, then they wanted to continue with their own examples."),
    ("expert@example.org", "That is exactly what we hope for. Write it up as a short good-practice note?"),
    ("tm.member@example.org", "I will try, my English is not perfect."),
    ("moderator@example.org", "Write in Russian or Turkmen, members can translate it here in the Hub."),
]
COUNTRY_TJ = [
    ("tj.member@example.org", "Малика, салом! Ҳисоботи семоҳа то ҷумъа омода мешавад?"),
    ("member@example.org", "Салом, Фарзона! Бале, рақамҳоро пагоҳ мефиристам."),
    ("tj.member@example.org", "Ташаккур! Дар бораи ордерҳои ҳимоявӣ ҳам маълумот дорӣ?"),
    ("member@example.org", "Ҳанӯз не, аз ВКД ҷавоб нагирифтем."),
]
PRIVATE = [
    (
        "moderator@example.org",
        "Здесь координаторы убежищ обмениваются данными о свободных местах. Пожалуйста, без личных данных клиенток.",
    ),
    ("kz.member@example.org", "Алматы: 2 свободных места до конца месяца."),
    ("kg.member@example.org", "Ош: мест нет, но можем принять на 3 дня в экстренном порядке."),
    ("moderator@example.org", "Спасибо. Обновляйте, пожалуйста, по понедельникам."),
    ("kz.member@example.org", "Алматы: с понедельника 1 свободное место, с ребёнком до 7 лет."),
    ("kg.member@example.org", "Бишкек: 3 места, одно из них доступно для женщины на коляске."),
]
DIRECT = [
    ("member@example.org", "Hi! Could we talk about the joint proposal for the regional youth campaign?"),
    ("af.member@example.org", "Of course. I will send our draft budget tomorrow."),
    ("member@example.org", "Thank you! Is audio material part of the budget? Our girls' groups liked it."),
    ("af.member@example.org", "Yes, a small line for recording. Can we talk on Thursday?"),
    ("member@example.org", "Thursday at 10:00 Dushanbe time works for me."),
    ("af.member@example.org", "Good, I will call from the usual number."),
]
DIRECT_KZ = [
    ("kz.member@example.org", "Малика, здравствуйте! Видела ваш вопрос про анкету приёма. Отправить нашу?"),
    ("member@example.org", "Здравствуйте, Айжан! Да, очень буду благодарна."),
    ("kz.member@example.org", "Загрузила в библиотеку, там короткая версия на русском."),
    ("member@example.org", "Спасибо! Посмотрим с командой на этой неделе."),
]
DIRECT_EXPERT = [
    ("expert@example.org", "Malika, would you review the Russian version of the caseload guidance before we publish?"),
    ("member@example.org", "With pleasure. How much time do I have?"),
    ("expert@example.org", "Two weeks is fine. I will send it here."),
    ("member@example.org", "Received, thank you. First comments by Monday."),
    ("member@example.org", "Done: mostly terminology. «Ведение случая» reads better than «управление случаем»."),
    ("expert@example.org", "Agreed, we will use the glossary term. Thank you!"),
]


def _text(body: str, users: dict) -> str:
    """``@{key}`` becomes a mention stored by member id, as the member picker writes it."""

    def mention(match):
        user = users.get(WHO.get(match.group(1), ""))
        return f"@[{user.display_name}](member:{user.pk})" if user is not None else match.group(1)

    return MENTION.sub(mention, body)


def _post(users, room, lines, prefix, days=10):
    """Send ``lines`` as their authors; new messages are spread over the last ``days``."""
    start = timezone.now() - timedelta(days=days)
    for index, (email, body) in enumerate(lines):
        sender = users.get(email)
        if sender is None:
            continue
        message, created = services.message_send(
            sender=sender, room=room, body=_text(body, users), client_id=f"demo-{prefix}-{index}"
        )
        if created:
            moment = start + timedelta(days=days * index / len(lines), minutes=7 * index)
            Message.objects.filter(pk=message.pk).update(created_at=moment, updated_at=moment)


# The seed sends many messages at once as the demo members: their chat rate limit (meant for
# people typing) does not apply to it.
@override_settings(CHAT_RATE_BURST=10_000, CHAT_RATE_PER_SECOND=10_000)
def seed(users: dict) -> None:
    _post(users, Room.objects.get(slug="regional-exchange"), REGIONAL, "regional", days=14)
    _post(users, Room.objects.get(slug="country-kz"), COUNTRY_KZ, "kz")
    _post(users, Room.objects.get(slug="essential-services"), ESSENTIAL, "essential", days=6)
    _post(users, Room.objects.get(slug="prevention"), PREVENTION, "prevention", days=4)
    _post(users, Room.objects.get(slug="country-tj"), COUNTRY_TJ, "tj", days=3)

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
        _post(users, room, PRIVATE, "shelters", days=8)

    member = users.get("member@example.org")
    for email, lines, prefix in (
        ("af.member@example.org", DIRECT, "direct"),
        ("kz.member@example.org", DIRECT_KZ, "direct-kz"),
        ("expert@example.org", DIRECT_EXPERT, "direct-expert"),
    ):
        other = users.get(email)
        if member is not None and other is not None:
            _post(users, services.direct_start(sender=member, recipients=[other]), lines, prefix, days=5)
