"""Forum test data, made through the forum's own services."""

from forum import services
from forum.models import Category
from tests.factories import UserFactory


def category(slug: str = "prevention") -> Category:
    return Category.objects.get(slug=slug)


def restricted_category(*, access=Category.Access.COUNTRIES, countries=("kg",), slug="kg-partners") -> Category:
    from taxonomy.models import Country

    cat, _created = Category.objects.get_or_create(
        slug=slug, defaults={"name_en": "Kyrgyz partners", "name_ru": "Партнёры из Кыргызстана", "access": access}
    )
    cat.allowed_countries.set(Country.objects.filter(slug__in=countries))
    return cat


def thread(
    author=None,
    *,
    category_slug="prevention",
    title="Safety planning in rural areas",
    body="How do you do it?",
    **kwargs,
):
    author = author or UserFactory()
    cat = kwargs.pop("category", None) or category(category_slug)
    return services.thread_create(author=author, category=cat, title=title, body=body, **kwargs)


def reply(thread, author=None, body="A reply with **care**."):
    author = author or UserFactory()
    return services.post_create(author=author, thread=thread, body=body)


def long_thread(count: int, author=None):
    """A thread with ``count`` posts in total, written quickly for pagination tests."""
    from django.utils import timezone

    from forum.models import Post, Thread

    author = author or UserFactory()
    t = thread(author)
    Post.objects.bulk_create(
        [
            Post(
                thread=t,
                position=position,
                author=author,
                author_name=author.display_name,
                body=f"Post {position}",
                body_html=f"<p>Post {position}</p>",
            )
            for position in range(2, count + 1)
        ]
    )
    Thread.objects.filter(pk=t.pk).update(post_count=count, reply_count=count - 1, last_posted_at=timezone.now())
    t.refresh_from_db()
    return t
