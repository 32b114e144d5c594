"""What a forum write sets in motion beyond the forum's own tables: the search index and
notifications. Called by the services in ``forum.services`` inside their transactions (the
notification deliveries themselves wait for the commit)."""

from django.db.models import Q

from accounts.models import Role, User
from notifications.models import Kind
from notifications.services import notify
from search import services as search

from .models import Category, Post, Thread, ThreadWatch
from .selectors import category_stats_changed

MODERATOR_ROLES = [Role.MODERATOR, Role.ADMIN]


def member_ids_who_can_see(thread: Thread, ids) -> list[int]:
    """Of ``ids``, the members who may see ``thread``: the rule of
    ``Category.objects.visible_to`` and ``Thread.objects.visible_to``, asked the other way
    round (which members, for one thread) in one query."""
    category = thread.category
    members = User.objects.active_members().filter(pk__in=list(ids))
    if thread.is_hidden or category.access == Category.Access.MODERATORS:
        members = members.filter(role__in=MODERATOR_ROLES)
    elif category.access == Category.Access.COUNTRIES:
        allowed = Category.allowed_countries.through.objects.filter(category_id=category.pk).values("country_id")
        members = members.filter(Q(country_id__in=allowed) | Q(role__in=MODERATOR_ROLES))
    return list(members.values_list("pk", flat=True))


def post_published(*, post: Post, thread: Thread, mentioned: list, new_thread: bool) -> None:
    category_stats_changed()
    search.index_post(post, thread=thread)
    if new_thread:
        search.index_thread(thread)

    def visible(ids):
        return member_ids_who_can_see(thread, ids)

    mentioned_ids = [user.pk for user in mentioned]
    common = {
        "actor": post.author,
        "target": post,
        "url": post.get_absolute_url(),
        "title": thread.title,
        "excerpt": post.body[:200],
        "content_warning": thread.content_warning,
        "visible_to": visible,
    }
    notify(kind=Kind.MENTION, recipient_ids=mentioned_ids, **common)
    if new_thread:
        watchers = thread.category.watches.values_list("user_id", flat=True)
        notify(kind=Kind.WATCHED_CATEGORY, recipient_ids=set(watchers) - set(mentioned_ids), **common)
        return
    # Replies: the thread's author, its watchers and everyone who posted in it.
    followers = set(ThreadWatch.objects.filter(thread=thread).values_list("user_id", flat=True))
    followers |= set(Post.objects.filter(thread=thread).exclude(author=None).values_list("author_id", flat=True))
    if thread.author_id:
        followers.add(thread.author_id)
    notify(kind=Kind.REPLY, recipient_ids=followers - set(mentioned_ids), **common)


def post_changed(post: Post) -> None:
    search.index_post(post)


def thread_changed(thread: Thread) -> None:
    search.index_thread(thread)


def post_reacted(*, post: Post, user) -> None:
    if post.author_id:
        notify(
            kind=Kind.REACTION,
            recipient_ids=[post.author_id],
            actor=user,
            target=post,
            url=post.get_absolute_url(),
            title=post.thread.title,
            visible_to=lambda ids: member_ids_who_can_see(post.thread, ids),
        )


def visible_post_ids(user, ids: list[int]) -> list[int]:
    """For notification lists and the bell: which of these posts the member may still see
    (a deleted post leaves only a placeholder, so nothing to be notified about)."""
    return list(Post.objects.visible_to(user).filter(pk__in=ids, is_deleted=False).values_list("pk", flat=True))
