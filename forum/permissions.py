"""Named predicates for the forum, built on accounts.permissions. Views, templates (through
the context the views pass) and services ask these; visibility itself lives in the
querysets' ``visible_to``."""

from accounts.permissions import can_moderate, can_participate, is_moderator

__all__ = [
    "can_delete_post",
    "can_edit_post",
    "can_moderate_forum",
    "can_post_in",
    "can_react",
    "can_reply",
    "can_report",
    "can_see_hidden",
]


def can_moderate_forum(user) -> bool:
    return can_moderate(user)


def can_see_hidden(user) -> bool:
    return is_moderator(user)


def can_post_in(user, category) -> bool:
    """Start a thread in a category the person can see (checked by the caller's lookup)."""
    if not can_participate(user):
        return False
    if category.access == category.Access.MODERATORS:
        return can_moderate(user)
    return True


def can_reply(user, thread) -> bool:
    if not can_participate(user):
        return False
    if thread.is_hidden or thread.is_locked:
        return can_moderate(user)
    return True


def can_edit_post(user, post) -> bool:
    if post.is_deleted:
        return False
    if can_moderate(user):
        return True
    return (
        can_participate(user)
        and post.author_id == user.pk
        and not post.is_hidden
        and not post.thread.is_locked
        and not post.thread.is_hidden
    )


def can_delete_post(user, post) -> bool:
    # The opening post carries the thread; moderators hide threads instead.
    if post.is_deleted or post.is_first:
        return False
    return can_participate(user) and (post.author_id == user.pk or can_moderate(user))


def can_react(user, post) -> bool:
    return can_participate(user) and not post.is_deleted and post.author_id != user.pk


def can_report(user, post) -> bool:
    return can_participate(user) and not post.is_deleted and post.author_id != user.pk
