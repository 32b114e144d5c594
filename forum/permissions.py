"""Named predicates for the forum, built on accounts.permissions. Views, templates (through
the context the views pass) and services ask these; visibility itself lives in the
querysets' ``visible_to``."""

from accounts.permissions import can_moderate, can_participate, moderated_country_ids

__all__ = [
    "can_delete_post",
    "can_edit_post",
    "can_moderate_category",
    "can_moderate_forum",
    "can_post_in",
    "can_react",
    "can_reply",
    "can_report",
    "can_see_hidden",
]


def can_moderate_forum(user) -> bool:
    return can_moderate(user)


def can_moderate_category(user, category) -> bool:
    """Moderators act in a category; one scoped to countries only in categories of those
    countries (the country of the category or one it is open to)."""
    if not can_moderate(user):
        return False
    scope = moderated_country_ids(user)
    if scope is None:
        return True
    countries = getattr(category, "_country_ids", None)
    if countries is None:  # once per category object, not once per post on a page
        countries = {category.country_id, *category.allowed_countries.values_list("pk", flat=True)}
        category._country_ids = countries
    return bool(countries & scope)


def can_see_hidden(user) -> bool:
    """Hidden threads and posts everywhere (counts included): moderators of every country.
    A scoped moderator sees hidden content only in their categories (Category.moderated_by)."""
    return can_moderate(user) and moderated_country_ids(user) is None


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
        return can_moderate_category(user, thread.category)
    return True


def can_edit_post(user, post) -> bool:
    if post.is_deleted:
        return False
    if post.author_id != user.pk and can_moderate(user):
        return can_moderate_category(user, post.thread.category)
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
    if post.author_id == user.pk:
        return can_participate(user)
    return can_moderate_category(user, post.thread.category)


def can_react(user, post) -> bool:
    return can_participate(user) and not post.is_deleted and post.author_id != user.pk


def can_report(user, post) -> bool:
    return can_participate(user) and not post.is_deleted and post.author_id != user.pk
