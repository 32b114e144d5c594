"""How moderation acts on forum content (registered in ``ForumConfig.ready``)."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from moderation.registry import ModeratedKind, register

from . import services
from .models import Post, Thread


def _thread_countries(thread: Thread) -> set[int]:
    category = thread.category
    return {category.country_id, *category.allowed_countries.values_list("pk", flat=True)} - {None}


def _in_categories_of(country_ids, prefix: str = "") -> Q:
    return Q(**{f"{prefix}category__country_id__in": country_ids}) | Q(
        **{f"{prefix}category__allowed_countries__in": country_ids}
    )


def _post_hide(*, actor, item: Post, reason: str) -> None:
    # Hiding the opening post hides the whole thread: a thread without its question misleads.
    if item.is_first:
        services.thread_hide(actor=actor, thread=item.thread, reason=reason)
    else:
        services.post_hide(actor=actor, post=item, reason=reason)


def _post_restore(*, actor, item: Post, reason: str = "") -> None:
    if item.is_first:
        services.thread_unhide(actor=actor, thread=item.thread, reason=reason)
    else:
        services.post_unhide(actor=actor, post=item, reason=reason)


def _post_delete(*, actor, item: Post, reason: str) -> None:
    if item.is_first:
        raise ValidationError(_("This content cannot be deleted; hide it instead."), code="not_deletable")
    services.post_delete(actor=actor, post=item, reason=reason)


def register_moderated_kinds() -> None:
    register(
        ModeratedKind(
            model=Post,
            countries_of=lambda post: _thread_countries(post.thread),
            scope_q=lambda country_ids: _in_categories_of(country_ids, "thread__"),
            label=lambda post: f"post {post.pk} in thread {post.thread_id}",
            hide=_post_hide,
            restore=_post_restore,
            delete=_post_delete,
        )
    )
    register(
        ModeratedKind(
            model=Thread,
            countries_of=_thread_countries,
            scope_q=_in_categories_of,
            label=lambda thread: f"thread {thread.pk}",
            hide=lambda *, actor, item, reason: services.thread_hide(actor=actor, thread=item, reason=reason),
            restore=lambda *, actor, item, reason="": services.thread_unhide(actor=actor, thread=item, reason=reason),
        )
    )
