"""What account deletion does to a member's forum content (called by accounts.deletion).

Threads stay intact in both modes: positions, replies and quotes of others keep their place.
"""

from django.db.models import Count
from django.utils import timezone

from search import services as search

from .models import Post, PostRevision, Reaction, Thread


def _recount_reactions(post_ids) -> None:
    # The member's reactions go with the account; the stored counts must follow.
    counts: dict[int, dict[str, int]] = {pk: {} for pk in post_ids}
    rows = Reaction.objects.filter(post_id__in=post_ids).values("post_id", "kind").annotate(n=Count("id"))
    for row in rows:
        counts[row["post_id"]][row["kind"]] = row["n"]
    for post in Post.objects.filter(pk__in=post_ids).only("pk", "reaction_counts"):
        post.reaction_counts = counts[post.pk]
        post.save(update_fields=["reaction_counts"])


def forum_erase_for(*, user, former_name: str, erase: bool) -> dict:
    """Anonymise the member's threads and posts; with ``erase`` also replace every post's
    text by the deleted-post placeholder and drop its edit history."""
    reacted = list(Reaction.objects.filter(user=user).values_list("post_id", flat=True).distinct())
    Reaction.objects.filter(user=user).delete()
    _recount_reactions(reacted)

    posts = Post.objects.filter(author=user)
    post_ids = list(posts.values_list("pk", flat=True))
    thread_ids = list(Thread.objects.filter(author=user).values_list("pk", flat=True))
    if erase:
        PostRevision.objects.filter(post_id__in=post_ids).delete()
        posts.update(body="", body_html="", is_deleted=True)
        Post.objects.filter(pk__in=post_ids, deleted_at__isnull=True).update(deleted_at=timezone.now())
    # Revisions the member wrote on other posts (as editor) keep the text but not the name.
    PostRevision.objects.filter(editor=user).update(editor=None, editor_name=former_name)
    Post.objects.filter(pk__in=post_ids).update(author=None, author_name=former_name)
    Thread.objects.filter(pk__in=thread_ids).update(author=None, author_name=former_name)
    touched_threads = set(thread_ids) | set(Post.objects.filter(pk__in=post_ids).values_list("thread_id", flat=True))
    for thread in Thread.objects.filter(pk__in=touched_threads):
        _refresh_thread(thread)
    for post in Post.objects.filter(pk__in=post_ids).select_related("thread"):
        search.index_post(post, thread=post.thread)
    return {"posts": len(post_ids), "threads": len(thread_ids)}


def _refresh_thread(thread: Thread) -> None:
    shown = Post.objects.filter(thread=thread, is_deleted=False, is_hidden=False)
    thread.reply_count = shown.filter(position__gt=1).count()
    last = shown.order_by("-position").only("created_at", "author_name").first()
    if last is not None:
        thread.last_posted_at, thread.last_poster_name = last.created_at, last.author_name
    thread.save(update_fields=["reply_count", "last_posted_at", "last_poster_name", "updated_at"])
