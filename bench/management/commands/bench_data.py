"""Benchmark data: members, threads and posts, library resources and chat messages at the
sizes the performance suite measures (see bench/README.md).

    python manage.py bench_data --size M

Sizes:
  S  a few seconds, for tests: 300 members, 60 threads (one of 400 posts), 300 resources,
     2,000 chat messages
  M  10,000 members, 10,000 threads (most of 20 posts, five of 2,000, two of 10,000 and one
     of 50,000: about 280,000 posts), 10,000 resources, 200,000 chat messages
  L  M with enough further 20-post threads to reach about 1,000,000 posts (search at scale)

Rows are written with bulk_create, with everything a real write fills in: rendered
body_html (through core.markdown.render_markdown, once per distinct body), thread counters
and last activity, room sequence numbers, taxonomy links, and the search index documents
(built by search.services' own index_* helpers, written in bulk). Run it on a fresh database
(migrated, nothing else): it refuses to add a second data set. It also creates the members the
benchmarks log in as, with a known password (--password, default ``bench-password``):
``bench.member@example.org`` (reader) and ``bench.sender@example.org`` (chat sender).
"""

import contextlib
import random
import time
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

BENCH_MEMBER = "bench.member@example.org"
BENCH_SENDER = "bench.sender@example.org"
BENCH_ROOM = "bench-fanout"
DEFAULT_PASSWORD = "bench-password"
BATCH = 5_000


@dataclass(frozen=True)
class Spec:
    members: int
    threads: int
    long_threads: tuple[int, ...]  # post counts of the long threads, longest last
    posts_per_thread: int
    resources: int
    messages: int
    pool: int = 3_000  # distinct bodies; rendering Markdown is not what is measured
    extra: dict = field(default_factory=dict)

    @property
    def posts(self) -> int:
        return (self.threads - len(self.long_threads)) * self.posts_per_thread + sum(self.long_threads)


SIZES = {
    "S": Spec(
        members=300, threads=60, long_threads=(400,), posts_per_thread=20, resources=300, messages=2_000, pool=300
    ),
    "M": Spec(
        members=10_000,
        threads=10_000,
        long_threads=(2_000,) * 5 + (10_000,) * 2 + (50_000,),
        posts_per_thread=20,
        resources=10_000,
        messages=200_000,
    ),
    "L": Spec(
        members=10_000,
        threads=46_000,
        long_threads=(2_000,) * 5 + (10_000,) * 2 + (50_000,),
        posts_per_thread=20,
        resources=10_000,
        messages=200_000,
    ),
}

FIRST_EN = [
    "Aigerim",
    "Dilnoza",
    "Madina",
    "Zarina",
    "Gulnara",
    "Nodira",
    "Aida",
    "Saule",
    "Malika",
    "Farida",
    "Elena",
    "Anna",
    "Maria",
    "Kamila",
    "Nigora",
]
FIRST_RU = [
    "Айгерим",
    "Дильноза",
    "Мадина",
    "Зарина",
    "Гульнара",
    "Нодира",
    "Аида",
    "Сауле",
    "Малика",
    "Фарида",
    "Елена",
    "Анна",
    "Мария",
    "Камила",
]
LAST_EN = [
    "Abdullaeva",
    "Karimova",
    "Nurlanova",
    "Saidova",
    "Toktogulova",
    "Rakhimova",
    "Ivanova",
    "Bekova",
    "Usmonova",
    "Alieva",
]
LAST_RU = [
    "Абдуллаева",
    "Каримова",
    "Нурланова",
    "Саидова",
    "Токтогулова",
    "Рахимова",
    "Иванова",
    "Бекова",
    "Усмонова",
    "Алиева",
]
ORGANISATIONS = [
    "Кризисный центр «Подруги»",
    "Crisis Centre Sana Sezim",
    "Women's Support Centre",
    "Общественный фонд «Шанс»",
    "Legal Aid Clinic",
    "Центр психологической поддержки",
    "National Commission for Women and Family",
    "Ассоциация социальных работников",
]
ROLES_IN_ORG = ["Social worker", "Юрист", "Psychologist", "Директор", "Hotline coordinator", "Исследователь"]


@contextlib.contextmanager
def historic_dates(*models):
    """Let bulk_create keep the created_at/updated_at the generator chose (an archive spans
    years), instead of stamping every row with now."""
    saved = []
    for model in models:
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                saved.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


@contextlib.contextmanager
def collected_documents():
    """search.services' index_* helpers describe a document (kind, visibility keys, text) and
    hand it to document_upsert, which writes one row at a time; here they hand it to a list
    that is then written in bulk."""
    from search import services

    documents = []
    original = services.document_upsert

    def collect(*, kind, object_id, **fields):
        fields["body"] = (fields.get("body") or "")[: services.MAX_BODY]
        fields["title"] = (fields.get("title") or "")[:300]
        documents.append({"kind": kind, "object_id": object_id, **fields})

    services.document_upsert = collect
    try:
        yield documents
    finally:
        services.document_upsert = original


def write_documents(documents: list[dict]) -> None:
    from search import backends
    from search.models import Document

    for start in range(0, len(documents), BATCH):
        rows = Document.objects.bulk_create(Document(**fields) for fields in documents[start : start + BATCH])
        backends.sync(rows)
    documents.clear()


class Generator:
    def __init__(self, spec: Spec, *, seed: int = 2026, password: str = DEFAULT_PASSWORD, out=None):
        from bench.vocabulary import body_pool, title_pool

        self.spec = spec
        self.seed = seed
        self.rng = random.Random(seed)
        self.password = password
        self.out = out or (lambda text: None)
        self.now = timezone.now()
        self.bodies = body_pool(self.rng, spec.pool)
        self.titles = title_pool(self.rng, max(200, spec.pool // 3))
        self._html = {}
        self.new_accounts = []

    def html(self, index: int) -> str:
        from core.markdown import render_markdown

        if index not in self._html:
            self._html[index] = str(render_markdown(self.bodies[index]))
        return self._html[index]

    def pick_body(self) -> tuple[str, str]:
        index = self.rng.randrange(len(self.bodies))
        return self.bodies[index], self.html(index)

    def ago(self, max_days: float) -> timezone.datetime:
        return self.now - timedelta(minutes=self.rng.randint(0, int(max_days * 24 * 60)))

    def step(self, label: str, started: float) -> None:
        self.out(f"  {label}: {time.perf_counter() - started:.1f} s")

    # Members -------------------------------------------------------------------------

    def members(self) -> None:
        from allauth.account.models import EmailAddress

        from accounts.models import Role, Status, User
        from taxonomy.models import Country, Language, Theme

        countries = self.countries = list(Country.objects.all())
        languages = list(Language.objects.all())
        themes = list(Theme.objects.all())
        self.country_kz = next((c for c in countries if c.slug == "kz"), countries[0])
        password = make_password(self.password)
        rng = self.rng
        users = []
        for i in range(self.spec.members):
            russian = rng.random() < 0.6
            first, last = (FIRST_RU, LAST_RU) if russian else (FIRST_EN, LAST_EN)
            users.append(
                User(
                    email=f"member{self.seed}-{i:06d}@bench.example.org",
                    display_name=f"{rng.choice(first)} {rng.choice(last)} {i}",
                    organisation=rng.choice(ORGANISATIONS),
                    role_in_organisation=rng.choice(ROLES_IN_ORG),
                    country=rng.choice(countries),
                    bio=self.bodies[rng.randrange(len(self.bodies))][:300],
                    password=password,
                    role=Role.EXPERT if rng.random() < 0.05 else Role.MEMBER,
                    status=Status.ACTIVE,
                    date_joined=self.ago(4 * 365),
                    approved_at=self.now - timedelta(days=1),
                )
            )
        for email, name in ((BENCH_MEMBER, "Bench Member"), (BENCH_SENDER, "Bench Sender")):
            if not User.objects.filter(email=email).exists():
                users.append(
                    User(
                        email=email,
                        display_name=name,
                        organisation="Benchmark",
                        country=self.country_kz,
                        password=password,
                        role=Role.MEMBER,
                        status=Status.ACTIVE,
                        approved_at=self.now,
                    )
                )
                self.new_accounts.append(email)
        for start in range(0, len(users), BATCH):
            User.objects.bulk_create(users[start : start + BATCH])
        self.users = list(
            User.objects.filter(email__startswith=f"member{self.seed}-", email__endswith="@bench.example.org").only(
                "id", "display_name"
            )
        )
        self.bench_member = User.objects.get(email=BENCH_MEMBER)
        self.bench_sender = User.objects.get(email=BENCH_SENDER)
        EmailAddress.objects.bulk_create(
            EmailAddress(user=user, email=user.email, verified=True, primary=True)
            for user in User.objects.filter(email__in=self.new_accounts)
        )
        links = []
        expertise = []
        for user in self.users:
            for language in rng.sample(languages, k=min(len(languages), rng.randint(1, 3))):
                links.append(User.languages.through(user_id=user.pk, language_id=language.pk))
            for theme in rng.sample(themes, k=min(len(themes), rng.randint(0, 3))):
                expertise.append(User.expertise.through(user_id=user.pk, theme_id=theme.pk))
        User.languages.through.objects.bulk_create(links, batch_size=BATCH)
        User.expertise.through.objects.bulk_create(expertise, batch_size=BATCH)

    # Forum ---------------------------------------------------------------------------

    def forum(self) -> None:
        from forum.models import Category, Post, Tag, Thread, ThreadRead

        rng = self.rng
        categories = list(Category.objects.filter(access=Category.Access.OPEN)) or list(Category.objects.all())
        tags = Tag.objects.bulk_create(
            [Tag(slug=slug, name=slug) for slug in ("hotlines", "shelters", "охранные-ордера", "суды", "schools")],
            ignore_conflicts=True,
        )
        tags = list(Tag.objects.all())
        sizes = [self.spec.posts_per_thread] * (self.spec.threads - len(self.spec.long_threads))
        sizes += list(self.spec.long_threads)
        threads = []
        for i, size in enumerate(sizes):
            title = f"{rng.choice(self.titles)}"[:140]
            author = rng.choice(self.users)
            # The long threads are the most recently active, so they head the lists.
            started = self.ago(3 * 365) if i < len(sizes) - len(self.spec.long_threads) else self.ago(400)
            threads.append(
                Thread(
                    category=rng.choice(categories),
                    title=title,
                    slug=slugify(title, allow_unicode=True)[:80] or "thread",
                    author=author,
                    author_name=author.display_name,
                    country=rng.choice(self.countries) if rng.random() < 0.3 else None,
                    post_count=size,
                    reply_count=size - 1,
                    created_at=started,
                    updated_at=started,
                    last_posted_at=started,
                )
            )
        with historic_dates(Thread):
            for start in range(0, len(threads), BATCH):
                Thread.objects.bulk_create(threads[start : start + BATCH])
        Thread.tags.through.objects.bulk_create(
            [
                Thread.tags.through(thread_id=thread.pk, tag_id=tag.pk)
                for thread in threads
                if rng.random() < 0.3
                for tag in rng.sample(tags, k=min(2, len(tags)))
            ],
            batch_size=BATCH,
        )
        self.long_thread = threads[-1]
        self.out(f"  threads: {len(threads):,}, posts to write: {sum(sizes):,}")

        posts, written = [], 0
        updates = []
        with historic_dates(Post, Thread), collected_documents() as documents:
            for thread in threads:
                documents.append(self.thread_document(thread))
                span = max(60.0, (self.now - thread.created_at).total_seconds())
                step = span / thread.post_count
                last = None
                for position in range(1, thread.post_count + 1):
                    author = rng.choice(self.users)
                    text, html = self.pick_body()
                    created = thread.created_at + timedelta(seconds=step * (position - 1) * rng.uniform(0.9, 1.0))
                    last = Post(
                        thread=thread,
                        position=position,
                        author=author,
                        author_name=author.display_name,
                        body=text,
                        body_html=html,
                        reaction_counts={},
                        created_at=created,
                        updated_at=created,
                    )
                    posts.append(last)
                    if len(posts) >= BATCH:
                        written += self.write_posts(posts, documents)
                thread.last_posted_at = last.created_at
                thread.last_poster_name = last.author_name
                updates.append(thread)
            written += self.write_posts(posts, documents)
            Thread.objects.bulk_update(updates, ["last_posted_at", "last_poster_name"], batch_size=BATCH)
            write_documents(documents)
        # The benchmark member has read part of the forum, some of it to the end.
        reads = []
        for thread in rng.sample(threads, k=len(threads) // 2):
            reads.append(
                ThreadRead(
                    user=self.bench_member,
                    thread=thread,
                    last_read_position=rng.randint(1, thread.post_count),
                )
            )
        ThreadRead.objects.bulk_create(reads, batch_size=BATCH)
        self.out(f"  posts: {written:,}")

    def thread_document(self, thread) -> dict:
        # search.services.index_thread re-indexes every post of the thread as well; here the
        # posts are indexed as they are written, so only the thread's own document is taken.
        from search.models import Document

        return {
            "kind": Document.Kind.THREAD,
            "object_id": thread.pk,
            "title": thread.title[:300],
            "body": "",
            "url": thread.get_absolute_url(),
            "category_id": thread.category_id,
            "thread_id": thread.pk,
            "is_public": not thread.is_hidden,
            "content_warning": thread.content_warning,
            "created_at": thread.created_at,
        }

    def write_posts(self, posts: list, documents: list) -> int:
        from forum.models import Post
        from search import services as search

        count = len(posts)
        if not count:
            return 0
        with transaction.atomic():
            Post.objects.bulk_create(posts)
            for post in posts:
                search.index_post(post, thread=post.thread)
            write_documents(documents)
        posts.clear()
        return count

    # Library -------------------------------------------------------------------------

    def library(self) -> None:
        from resources.models import Licence, Resource, State
        from search import services as search
        from taxonomy.models import Audience, Country, Language, ResourceType, Theme

        rng = self.rng
        terms = {
            "types": list(ResourceType.objects.all()),
            "themes": list(Theme.objects.all()),
            "countries": list(Country.objects.all()),
            "languages": list(Language.objects.all()),
            "audiences": list(Audience.objects.all()),
        }
        resources = []
        for i in range(self.spec.resources):
            uploader = rng.choice(self.users)
            index = rng.randrange(len(self.bodies))
            title = rng.choice(self.titles)[:190]
            published = self.ago(6 * 365)
            resources.append(
                Resource(
                    title=title,
                    slug=(slugify(title)[:80].strip("-") or "resource"),
                    summary=self.bodies[index][:580],
                    description=self.bodies[index],
                    description_html=self.html(index),
                    year=rng.randint(2005, 2026),
                    publisher=rng.choice(ORGANISATIONS),
                    licence=rng.choice(Licence.values),
                    external_url=f"https://example.org/library/{i}",
                    uploader=uploader,
                    uploader_name=uploader.display_name,
                    state=State.PUBLISHED if rng.random() < 0.95 else State.IN_REVIEW,
                    download_count=int(rng.paretovariate(1.3)) - 1,
                    created_at=published,
                    updated_at=published,
                    submitted_at=published,
                    published_at=published,
                )
            )
        with historic_dates(Resource), collected_documents() as documents:
            for start in range(0, len(resources), BATCH):
                with transaction.atomic():
                    batch = Resource.objects.bulk_create(resources[start : start + BATCH])
                    for resource in batch:
                        search.index_resource(resource)
                    write_documents(documents)
        for name, choices in terms.items():
            through = getattr(Resource, name).through
            column = through._meta.get_field(
                next(f.name for f in through._meta.fields if f.name not in ("id", "from_resource", "resource"))
            ).attname
            k_max = 1 if name == "types" else 3
            rows = [
                through(resource_id=resource.pk, **{column: term.pk})
                for resource in resources
                for term in rng.sample(choices, k=min(len(choices), rng.randint(1, k_max)))
            ]
            through.objects.bulk_create(rows, batch_size=BATCH)
        self.out(f"  resources: {len(resources):,}")

    # Chat ----------------------------------------------------------------------------

    def chat(self) -> None:
        from chat.models import Message, Room, RoomMember
        from search import services as search

        rng = self.rng
        bench_room, _ = Room.objects.get_or_create(
            slug=BENCH_ROOM,
            defaults={"kind": Room.Kind.OPEN, "name": "Benchmark room", "name_ru": "Комната для замеров"},
        )
        rooms = list(Room.objects.filter(kind=Room.Kind.OPEN).exclude(pk=bench_room.pk)) or [bench_room]
        # Most traffic goes to the regional rooms; the benchmark room starts with some history.
        weights = [1.0] * len(rooms) + [0.5]
        rooms.append(bench_room)
        counts = {room.pk: room.last_seq for room in rooms}
        messages = []
        with historic_dates(Message), collected_documents() as documents:
            for i in range(self.spec.messages):
                room = rng.choices(rooms, weights)[0]
                counts[room.pk] += 1
                sender = rng.choice(self.users)
                index = rng.randrange(len(self.bodies))
                text = self.bodies[index].split("\n\n")[0][:600]
                created = self.now - timedelta(seconds=(self.spec.messages - i) * 60)
                messages.append(
                    Message(
                        room=room,
                        seq=counts[room.pk],
                        sender=sender,
                        sender_name=sender.display_name,
                        body=text,
                        body_html=self.chat_html(text),
                        created_at=created,
                        updated_at=created,
                    )
                )
                if len(messages) >= BATCH or i == self.spec.messages - 1:
                    with transaction.atomic():
                        Message.objects.bulk_create(messages)
                        for message in messages:
                            search.index_message(message)
                        write_documents(documents)
                    messages.clear()
        for room in rooms:
            Room.objects.filter(pk=room.pk).update(last_seq=counts[room.pk])
        RoomMember.objects.bulk_create(
            [
                RoomMember(room=room, user=user, last_read_seq=max(0, counts[room.pk] - rng.randint(0, 50)))
                for room in rooms
                for user in (self.bench_member, self.bench_sender)
            ],
            update_conflicts=True,
            unique_fields=["room", "user"],
            update_fields=["last_read_seq"],
        )
        self.out(f"  chat messages: {self.spec.messages:,} in {len(rooms)} rooms")

    def chat_html(self, text: str) -> str:
        from core.markdown import render_markdown

        if text not in self._html:
            self._html[text] = str(render_markdown(text))
        return self._html[text]

    # All -----------------------------------------------------------------------------

    def run(self) -> dict:
        total = time.perf_counter()
        for part in (self.members, self.forum, self.library, self.chat):
            started = time.perf_counter()
            with transaction.atomic():
                part()
            self.step(part.__name__, started)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.step("total", total)
        return {
            "member": self.bench_member,
            "sender": self.bench_sender,
            "long_thread": self.long_thread,
            "password": self.password,
        }


class Command(BaseCommand):
    help = "Generate benchmark data of size S, M or L into a fresh database (see bench/README.md)."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(SIZES), default="S")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="password of the benchmark members")

    def handle(self, *args, size, seed, password, **options):
        from accounts.models import User

        spec = SIZES[size]
        if User.objects.filter(email__endswith="@bench.example.org").exists():
            raise CommandError("benchmark data is already here: generate it into a fresh, migrated database")
        self.stdout.write(
            f"Generating size {size}: {spec.members:,} members, {spec.threads:,} threads, {spec.posts:,} posts, "
            f"{spec.resources:,} resources, {spec.messages:,} chat messages"
        )

        def out(text):
            self.stdout.write(text)
            self.stdout.flush()

        result = Generator(spec, seed=seed, password=password, out=out).run()
        thread = result["long_thread"]
        self.stdout.write(self.style.SUCCESS("Benchmark data is ready."))
        self.stdout.write(f"  log in as {BENCH_MEMBER} (chat sender {BENCH_SENDER}), password: {password}")
        self.stdout.write(
            f"  longest thread: {thread.get_absolute_url()} ({thread.post_count:,} posts, {thread.page_count:,} pages)"
        )
