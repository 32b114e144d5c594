"""Forum reads. Visibility comes from the querysets' ``visible_to``; these functions add
what each page needs in a fixed number of queries."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, IntegerField, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from core.cache import VersionedCache
from core.names import member_name
from core.pagination import keyset_page

from . import permissions
from .models import (
    POSTS_PER_PAGE,
    Category,
    CategoryWatch,
    Draft,
    Post,
    Reaction,
    Thread,
    ThreadRead,
    ThreadWatch,
)

# Thread list orderings: the last field is unique, as keyset pagination needs.
ORDERINGS = {
    "latest": ("-is_pinned", "-last_posted_at", "-id"),
    "newest": ("-is_pinned", "-created_at", "-id"),
    "replies": ("-is_pinned", "-reply_count", "-id"),
}

# The index's views, Discourse-style: each a keyset-paged list that keeps the filters.
VIEWS = ("latest", "unread", "new", "top")
# "Top" ranks by replies among threads active this month; pins do not jump the ranking.
TOP_ORDERING = ("-reply_count", "-last_posted_at", "-id")


# Thread counts and latest activity per category, shared by everyone (two variants: with and
# without hidden threads). Counting every thread on every forum visit grows with the archive;
# the figures change only when a thread or post is written, moved, hidden or deleted, which
# bumps the version (category_stats_changed) so the next visit recounts once.
_stats = VersionedCache("forum:category-stats", timeout=60 * 60)


def category_stats(*, include_hidden: bool) -> dict[int, tuple[int, object]]:
    def count():
        threads = Thread.objects.all() if include_hidden else Thread.objects.filter(is_hidden=False)
        rows = threads.values("category_id").annotate(total=Count("id"), last=Max("last_posted_at"))
        return {row["category_id"]: (row["total"], row["last"]) for row in rows}

    return _stats.get_or_compute(str(int(include_hidden)), count)


def category_stats_changed() -> None:
    _stats.invalidate()


def categories_for_index(user) -> list[Category]:
    """Visible categories with the number of threads the person can see and the latest
    activity among them: one query, plus one to recount after a change."""
    categories = list(
        Category.objects.visible_to(user).annotate(
            watching=Exists(CategoryWatch.objects.filter(category=OuterRef("pk"), user_id=user.pk)),
        )
    )
    stats = category_stats(include_hidden=permissions.can_see_hidden(user))
    for category in categories:
        category.thread_total, category.last_activity = stats.get(category.pk, (0, None))
    return categories


def category_get(user, slug: str) -> Category:
    visible_threads = Q()
    if not permissions.can_see_hidden(user):
        visible_threads = Q(threads__is_hidden=False)
    category = (
        Category.objects.visible_to(user)
        .annotate(
            thread_total=Count("threads", filter=visible_threads),
            last_activity=Max("threads__last_posted_at", filter=visible_threads),
            watching=Exists(CategoryWatch.objects.filter(category=OuterRef("pk"), user_id=user.pk)),
        )
        .filter(slug=slug)
        .first()
    )
    if category is None:
        raise Http404
    return category


def threads_for_list(user):
    """Visible threads with what a list row shows: category, country, tags, how far the
    person has read and whether they watch it."""
    # No ordering: the model's default would join the member and the thread into every row's
    # lookup, which the unique (user, thread) index answers alone.
    read = ThreadRead.objects.filter(thread=OuterRef("pk"), user_id=user.pk).order_by().values("last_read_position")[:1]
    return (
        Thread.objects.visible_to(user)
        .select_related("category", "country")
        .prefetch_related("tags")
        .annotate(
            last_read=Coalesce(Subquery(read, output_field=IntegerField()), Value(-1)),
            watching=Exists(ThreadWatch.objects.filter(thread=OuterRef("pk"), user_id=user.pk)),
        )
    )


def thread_page(queryset, *, ordering: str, cursor: str | None, size: int):
    return keyset_page(queryset, ordering=ORDERINGS.get(ordering, ORDERINGS["latest"]), cursor=cursor, size=size)


def threads_in_view(queryset, *, view: str, since):
    """Narrow a ``threads_for_list`` queryset to one index view. Unread: opened before, with
    posts since; new: started since the member's last visit and never opened; top: active
    this month. Returns the queryset and the ordering the pager must use (None: the chosen one)."""
    if view == "unread":
        return queryset.filter(last_read__gte=0, post_count__gt=F("last_read")), None
    if view == "new":
        return queryset.filter(last_read__lt=0, created_at__gte=since), None
    if view == "top":
        month_start = timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        return queryset.filter(last_posted_at__gte=month_start), TOP_ORDERING
    return queryset, None


def unread_and_new(user, since, *, limit: int) -> tuple[list[Thread], list[Thread]]:
    """For the home page: threads with posts the member has not read, and threads started
    since their last visit that they have not opened, latest first; two queries."""
    base = threads_for_list(user).filter(is_hidden=False).order_by("-last_posted_at", "-id")
    # Unread threads are among those the member opened: start from their read markers (a join
    # the planner can drive from the member's index) rather than test every thread.
    unread = base.filter(reads__user_id=user.pk, post_count__gt=F("reads__last_read_position"))
    new, _ = threads_in_view(base, view="new", since=since)
    unread = list(unread.prefetch_related(None)[:limit])
    new = list(new.prefetch_related(None)[:limit])
    annotate_unread(unread)
    annotate_unread(new)
    return unread, new


def annotate_unread(threads) -> None:
    """Per thread: ``unread`` (new posts since the last visit, 0 when none) and ``is_new``
    (never opened), and where to open it: the first unread post."""
    for thread in threads:
        thread.is_new = thread.last_read < 0
        thread.unread = 0 if thread.is_new else max(0, thread.post_count - thread.last_read)
        first_unread = 1 if thread.is_new else min(thread.last_read + 1, thread.post_count)
        thread.first_unread = first_unread
        thread.first_unread_page = (first_unread - 1) // POSTS_PER_PAGE + 1


def _reply_draft(user):
    return Draft.objects.filter(author_id=user.pk, kind=Draft.Kind.REPLY, thread=OuterRef("pk"))


def thread_get(user, pk: int) -> Thread:
    thread = (
        Thread.objects.visible_to(user)
        .select_related("category", "country")
        .prefetch_related("tags")
        .annotate(
            watching=Exists(ThreadWatch.objects.filter(thread=OuterRef("pk"), user_id=user.pk)),
            last_read=Coalesce(
                Subquery(
                    ThreadRead.objects.filter(thread=OuterRef("pk"), user_id=user.pk)
                    .order_by()
                    .values("last_read_position")[:1],
                    output_field=IntegerField(),
                ),
                Value(0),
            ),
            # The member's reply draft, for the reply box: in this query, not one more per page.
            draft_body=Subquery(_reply_draft(user).values("body")[:1]),
            draft_language=Subquery(_reply_draft(user).values("language")[:1]),
        )
        .filter(pk=pk)
        .first()
    )
    if thread is None:
        raise Http404
    return thread


def thread_posts(user, thread: Thread, page: int) -> list[Post]:
    """One page of a thread: an indexed range of positions, the same cost on page 1 and on
    page 2,500. Each post carries ``my_reactions``, the kinds the person gave."""
    first = (page - 1) * POSTS_PER_PAGE + 1
    posts = list(
        Post.objects.visible_to(user)
        .filter(thread=thread, position__gte=first, position__lt=first + POSTS_PER_PAGE)
        .select_related("reply_to")
        .order_by("position")[:POSTS_PER_PAGE]
    )  # the LIMIT keeps PostgreSQL on the index: every thread has positions 1-20, so it
    # guesses tens of thousands of rows for page 1 of a long thread and plans a parallel scan
    mine: dict[int, set[str]] = {}
    if posts:
        for post_id, kind in Reaction.objects.filter(user_id=user.pk, post__in=[p.pk for p in posts]).values_list(
            "post_id", "kind"
        ):
            mine.setdefault(post_id, set()).add(kind)
    for post in posts:
        post.thread = thread
        post.my_reactions = mine.get(post.pk, set())
    return posts


def post_get(user, pk: int) -> Post:
    post = Post.objects.visible_to(user).select_related("thread", "thread__category").filter(pk=pk).first()
    if post is None:
        raise Http404
    return post


def post_revisions(post: Post):
    return post.revisions.select_related("editor").order_by("-created_at", "-id")


def threads_for_subject(user, subject):
    """Visible threads tied to ``subject`` (a resource, a chat room, ...)."""
    content_type = ContentType.objects.get_for_model(subject)
    return Thread.objects.visible_to(user).filter(subject_type=content_type, subject_id=subject.pk)


def categories_for_posting(user):
    """Categories a person may start a thread in."""
    from .permissions import can_post_in

    return [category for category in Category.objects.visible_to(user) if can_post_in(user, category)]


def reported_posts_open(user=None):
    """Open reports about forum posts: what waits on moderators from the forum (on ``user``
    when given: the reports in their scope)."""
    from moderation.models import Report
    from moderation.selectors import reports_for

    reports = Report.objects if user is None else reports_for(user)
    return reports.filter(state=Report.State.OPEN, content_type=ContentType.objects.get_for_model(Post))


# The drafts page lists the latest ones; a member rarely keeps more, and older ones are
# still restored in their composer.
DRAFTS_LIMIT = 50


def _drafts_visible(user):
    """The member's own drafts whose place they can still see: a member who lost access to a
    thread or category does not read its title back through a draft."""
    if not getattr(user, "is_authenticated", False):
        return Draft.objects.none()
    return Draft.objects.filter(author=user).filter(
        Q(kind=Draft.Kind.THREAD, category__in=Category.objects.visible_to(user))
        | Q(kind=Draft.Kind.REPLY, thread__in=Thread.objects.visible_to(user))
    )


def drafts_for(user, *, limit: int = DRAFTS_LIMIT) -> list:
    """The member's drafts, latest first, with their place: one query."""
    return list(_drafts_visible(user).select_related("category", "thread").order_by("-updated_at", "-id")[:limit])


def draft_count(user) -> int:
    return _drafts_visible(user).count()


def draft_for(user, *, kind: str, category=None, thread=None):
    """The member's draft for one place (the caller has already checked they can see it)."""
    if not getattr(user, "is_authenticated", False):
        return None
    if kind == Draft.Kind.THREAD:
        return Draft.objects.filter(author=user, kind=kind, category=category).first()
    return Draft.objects.filter(author=user, kind=kind, thread=thread).first()


def quote_markup(post: Post) -> str:
    """A post quoted in a reply, as Markdown: the same text with or without scripts."""
    quoted = "\n".join(f"> {line}" for line in post.body.splitlines())
    return f"> **{member_name(post.author_name)}** wrote:\n>\n{quoted}\n\n"
