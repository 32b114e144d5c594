"""Demo threads for `manage.py seed_demo`: realistic conversations of the alliance, written
through the services (search documents, counters, read state and notifications as for real
posts), then dated over the last weeks. Running it again changes nothing."""

import re
from datetime import timedelta

from django.utils import timezone

from taxonomy.models import Country

from . import services
from .demo_content import MORE_THREADS, WHO
from .models import Category, Post, Thread

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

THREADS = THREADS + MORE_THREADS
# The member whose home page the demo shows: some threads are left unread for her.
DEMO_READER = "member@example.org"
DAYS = 35
REACTIONS = ("thanks", "helpful", "agree")
MENTION = re.compile(r"@\{(\w+)\}")


def _text(body: str, users: dict) -> str:
    """``@{key}`` becomes a mention stored by member id, as the member picker writes it."""

    def mention(match):
        user = users.get(WHO.get(match.group(1), ""))
        return f"@[{user.display_name}](member:{user.pk})" if user is not None else match.group(1)

    return MENTION.sub(mention, body)


def _date(thread: Thread, posts: list[Post], index: int) -> None:
    """Spread threads over the last weeks, the newest last, replies hours apart."""
    now = timezone.now()
    start = now - timedelta(days=DAYS) + timedelta(days=DAYS * index / len(THREADS), hours=index % 9)
    # The newest threads' last replies would fall after now: move the thread back instead.
    last = start + timedelta(hours=5 * (len(posts) - 1), minutes=17 * (len(posts) - 1))
    start -= max(last - (now - timedelta(minutes=10)), timedelta(0))
    for position, post in enumerate(posts):
        moment = start + timedelta(hours=5 * position, minutes=17 * position)
        Post.objects.filter(pk=post.pk).update(created_at=moment, updated_at=moment)
    Thread.objects.filter(pk=thread.pk).update(created_at=start, updated_at=moment, last_posted_at=moment)


def seed(users: dict) -> None:
    countries = {country.slug: country for country in Country.objects.all()}
    categories = {category.slug: category for category in Category.objects.all()}
    existing = set(Thread.objects.values_list("title", flat=True))
    reader = users.get(DEMO_READER)
    for index, (category_slug, country, author_key, title, body, tags, warning, replies) in enumerate(THREADS):
        author = users.get(WHO.get(author_key, author_key))
        category = categories.get(category_slug)
        if author is None or category is None or title in existing:
            continue
        thread = services.thread_create(
            author=author,
            category=category,
            title=title,
            body=_text(body, users),
            tags=tags,
            country=countries.get(country) if country else None,
            content_warning=warning,
        )
        posts = [thread.posts.get(position=1)]
        for reply_author_key, reply_body in replies:
            reply_author = users.get(WHO.get(reply_author_key, reply_author_key))
            if reply_author is not None:
                reply_to = posts[-1] if reply_body.startswith(">") else None
                posts.append(
                    services.post_create(
                        author=reply_author, thread=thread, body=_text(reply_body, users), reply_to=reply_to
                    )
                )
        # Reactions from repliers to the posts before theirs.
        for number, post in enumerate(posts[1:], start=1):
            target = posts[number - 1]
            if post.author_id != target.author_id:
                services.reaction_toggle(user=post.author, post=target, kind=REACTIONS[(index + number) % 3])
        # The demo member has read two threads in three; the rest wait for her, bold in lists.
        if reader is not None and index % 3 and thread.category.access == "open":
            services.thread_mark_read(user=reader, thread=thread, position=len(posts))
        _date(thread, posts, index)
    pinned = Thread.objects.filter(title="Keeping crisis hotlines staffed at night").first()
    moderator = users.get("moderator@example.org")
    if pinned is not None and moderator is not None and not pinned.is_pinned:
        services.thread_pin(actor=moderator, thread=pinned, reason="Useful for new members")
