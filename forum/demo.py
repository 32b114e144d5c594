"""Demo threads for `manage.py seed_demo`: realistic conversations of the alliance in English
and Russian, written through the services. Running it again changes nothing."""

from taxonomy.models import Country

from . import services
from .models import Category, Thread

# category, country, author, title, body, tags, content warning, replies [(author, body)]
THREADS = [
    (
        "survivor-services",
        "kg",
        "kg.member@example.org",
        "Keeping crisis hotlines staffed at night",
        "Our hotline in Bishkek gets most calls between 22:00 and 02:00, when we have the fewest "
        "volunteers.\n\nHow do other centres organise **night shifts**? Do you pay a night rate, or rely on "
        "on-call volunteers?",
        ["hotlines", "volunteers"],
        "",
        [
            (
                "kz.member@example.org",
                "In Almaty we moved to two shifts (18:00–00:00 and 00:00–08:00) and pay the second one at a "
                "higher rate. Burnout dropped noticeably once nobody did more than two night shifts a week.",
            ),
            (
                "expert@example.org",
                "> Burnout dropped noticeably\n\nThis matches the WHO guidance on supervision: a short "
                "debrief after each night shift matters as much as the rota itself.",
            ),
        ],
    ),
    (
        "access-to-justice",
        "kz",
        "kz.member@example.org",
        "Охранные ордера: как ускорить выдачу?",
        "После изменений 2024 года суды в некоторых областях выдают охранные ордера за несколько часов, "
        "а в других — за несколько недель.\n\nПоделитесь, пожалуйста, **практикой**: что помогает юристам "
        "центров добиваться быстрой выдачи?",
        ["охранные-ордера", "суды"],
        "",
        [
            (
                "uz.member@example.org",
                "У нас помогает заранее подготовленный пакет документов и договорённость с участковыми о "
                "передаче материалов в тот же день.",
            ),
        ],
    ),
    (
        "prevention",
        "regional",
        "expert@example.org",
        "RESPECT framework: adapting school modules for Central Asia",
        "We are adapting the *Relationships skills strengthened* strategy for secondary schools in four "
        "countries. Which materials have worked in Russian-language and Uzbek-language classrooms?\n\n"
        "- age groups you worked with\n- how long the module ran\n- how you measured change",
        ["respect", "schools"],
        "",
        [
            (
                "tj.member@example.org",
                "We ran a six-week module with 14–16 year-olds in Khujand. Short role plays worked far better "
                "than lectures; we measured attitudes with a pre/post survey.",
            ),
            (
                "member@example.org",
                "Could you share the survey questions? We would like to use the same ones in Tashkent.",
            ),
        ],
    ),
    (
        "data-and-research",
        "regional",
        "member@example.org",
        "Сопоставимые данные о насилии в отношении женщин в регионе",
        "Национальные опросы проводились в разные годы и по разным методикам. Кто-нибудь уже сводил "
        "показатели в одну таблицу? Какие ограничения вы бы отметили?",
        ["данные", "опросы"],
        "",
        [],
    ),
    (
        "afghanistan",
        "af",
        "af.member@example.org",
        "Remote psychosocial support for women in Afghanistan",
        "Several partners now offer counselling by phone and messaging. We would like to compare notes on "
        "keeping counsellors and callers safe: numbers, devices and what to do when a phone is seized.",
        ["psychosocial-support", "digital-safety"],
        "Describes risks to women and counsellors",
        [
            (
                "moderator@example.org",
                "A reminder to everyone replying here: please do not mention names, locations or any "
                "detail that could identify a caller or a counsellor.",
            ),
        ],
    ),
    (
        "alliance-coordination",
        None,
        "moderator@example.org",
        "Agenda for the next regional coordination call",
        "Draft agenda:\n\n1. Membership applications waiting for review\n2. Translation of the library into "
        "Kazakh and Kyrgyz\n3. Planning the 16 Days of Activism campaign",
        ["coordination"],
        "",
        [],
    ),
]


def seed(users: dict) -> None:
    countries = {country.slug: country for country in Country.objects.all()}
    for category_slug, country, author_email, title, body, tags, warning, replies in THREADS:
        author = users.get(author_email)
        category = Category.objects.filter(slug=category_slug).first()
        if author is None or category is None:
            continue
        if Thread.objects.filter(category=category, title=title).exists():
            continue
        thread = services.thread_create(
            author=author,
            category=category,
            title=title,
            body=body,
            tags=tags,
            country=countries.get(country) if country else None,
            content_warning=warning,
        )
        posts = [thread.posts.get(position=1)]
        for reply_author_email, reply_body in replies:
            reply_author = users.get(reply_author_email)
            if reply_author is not None:
                posts.append(services.post_create(author=reply_author, thread=thread, body=reply_body))
        if len(posts) > 1 and posts[0].author_id != posts[1].author_id:
            services.reaction_toggle(user=posts[1].author, post=posts[0], kind="thanks")
    pinned = Thread.objects.filter(title="Keeping crisis hotlines staffed at night").first()
    moderator = users.get("moderator@example.org")
    if pinned is not None and moderator is not None and not pinned.is_pinned:
        services.thread_pin(actor=moderator, thread=pinned, reason="Useful for new members")
