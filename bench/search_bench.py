"""Search latency at archive scale.

Seeds N forum posts (realistic Russian and English sentences from the alliance's subject)
into the search index of a separate benchmark database, then times member searches and
reports p50/p95/p99 latency. Run from the repository root:

    .venv/bin/python bench/search_bench.py --documents 1000000                # SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_bench \\
        .venv/bin/python bench/search_bench.py --documents 1000000            # PostgreSQL

The benchmark database is created from scratch each run (the SQLite file in /tmp, or the
PostgreSQL database named in DATABASE_URL, which must not hold anything you need).
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RU = (
    "домашнее насилие пострадавшие кризисный центр приют юридическая помощь охранный ордер полиция суд "
    "социальный работник горячая линия профилактика молодёжь школа семья похищение невест ранний брак "
    "трудовая миграция торговля людьми стандарты услуг координация данные исследование районный акимат "
    "психологическая поддержка консультирование направление межведомственный механизм реабилитация"
).split()
EN = (
    "domestic violence survivors crisis centre shelter legal aid protection order police court social worker "
    "helpline prevention youth school family bride kidnapping early marriage labour migration trafficking "
    "service standards coordination data research district referral counselling psychosocial support "
    "case management femicide harassment technology facilitated abuse"
).split()
QUERIES = [
    "насилие",
    "кризисного центра",
    "охранные ордера",
    "похищения невест",
    "горячей линии",
    "violence",
    "shelters",
    "protection orders",
    "bride kidnapping",
    "referral counselling",
    "молодёжь школа",
    "trafficking migration",
    "психологической поддержки",
    "case management",
]


SYLLABLES_RU = "ка ло ми на ре то су ва де ли по ры ст ен ом".split()
SYLLABLES_EN = "ta lo mi na re to su va de li po ry st en om".split()


def filler(rng: random.Random, syllables: list[str]) -> str:
    # A large vocabulary of everyday words, so each subject term occurs in a realistic share
    # of posts instead of in nearly all of them.
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))


def sentence(rng: random.Random) -> str:
    russian = rng.random() < 0.6
    subject, syllables = (RU, SYLLABLES_RU) if russian else (EN, SYLLABLES_EN)
    words = [filler(rng, syllables) for _ in range(rng.randint(8, 18))]
    for _ in range(rng.randint(0, 2)):
        # Zipf-like: a few subject words are common, most are rare.
        words[rng.randrange(len(words))] = subject[min(len(subject) - 1, int(rng.paretovariate(1.2)) - 1)]
    return " ".join(words).capitalize() + "."


def body(rng: random.Random, pool: list[str]) -> str:
    return " ".join(rng.choice(pool) for _ in range(rng.randint(2, 8)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument("--batch", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--reuse", action="store_true", help="search the documents of the previous run again")
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL"):
        path = Path(tempfile.gettempdir()) / "alliance-hub-search-bench.sqlite3"
        if not args.reuse:
            path.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    if connection.vendor == "postgresql" and not args.reuse:
        call_command("flush", interactive=False, verbosity=0)

    from accounts.models import Role, Status, User
    from forum.models import Category
    from search import backends, selectors
    from search.models import Document

    rng = random.Random(args.seed)
    # Posts are assembled from a pool of sentences: generating text is not what is measured.
    pool = [sentence(rng) for _ in range(30_000)]
    member, _ = User.objects.get_or_create(
        email="bench@example.org", defaults={"display_name": "Bench", "role": Role.MEMBER, "status": Status.ACTIVE}
    )
    category, _ = Category.objects.get_or_create(slug="bench", defaults={"name_en": "Bench", "name_ru": "Тест"})
    now = timezone.now()

    started = time.perf_counter()
    for offset in range(0, 0 if args.reuse else args.documents, args.batch):
        size = min(args.batch, args.documents - offset)
        with transaction.atomic():
            documents = Document.objects.bulk_create(
                Document(
                    kind=Document.Kind.POST,
                    object_id=offset + i + 1,
                    title=rng.choice(pool)[:120],
                    body=body(rng, pool),
                    url="/forum/",
                    category_id=category.pk,
                    thread_id=(offset + i) // 20 + 1,
                    created_at=now - timedelta(minutes=rng.randint(0, 60 * 24 * 365 * 4)),
                )
                for i in range(size)
            )
            backends.sync(documents)
        print(f"\rindexed {offset + size:,} / {args.documents:,}", end="", flush=True)
    seeding = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_document")
    print()

    timings, hits = [], 0
    for i in range(args.searches):
        query = QUERIES[i % len(QUERIES)]
        t0 = time.perf_counter()
        results = selectors.search(member, query)
        timings.append((time.perf_counter() - t0) * 1000)
        hits += bool(results.results)
    timings.sort()

    def pct(p: float) -> float:
        return timings[min(len(timings) - 1, int(len(timings) * p))]

    print(f"database: {connection.vendor}, documents: {args.documents:,}, seeding: {seeding:.0f} s")
    print(f"searches with results: {hits} of {len(timings)}")
    print(
        f"searches: {len(timings)}  p50 {pct(0.50):.1f} ms  p95 {pct(0.95):.1f} ms  p99 {pct(0.99):.1f} ms  "
        f"mean {statistics.mean(timings):.1f} ms"
    )


if __name__ == "__main__":
    main()
