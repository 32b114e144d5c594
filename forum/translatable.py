"""Posts members can translate (registered in ``ForumConfig.ready``): the body, and the
thread's title on the opening post. A translation follows its post's visibility."""

from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from search import services as search
from translations import registry
from translations import services as translations

from .models import Post, Thread, ThreadWatch
from .moderated import _in_categories_of, _thread_countries
from .services import BODY_MAX, TITLE_MAX

KIND = "forum.post"


def _fields(post: Post) -> list[registry.SourceField]:
    fields = []
    if post.is_first:
        fields.append(registry.SourceField("title", _("Title"), post.thread.title, max_length=TITLE_MAX))
    fields.append(
        registry.SourceField(
            "body",
            _("Message"),
            post.body,
            multiline=True,
            markdown=True,
            max_length=BODY_MAX,
            form_label=pgettext_lazy("translation form", "Translation of the message"),
        )
    )
    return fields


def _get(pk: int) -> Post | None:
    return Post.objects.select_related("thread", "thread__category").filter(pk=pk).first()


def _can_view(user, post: Post) -> bool:
    return not post.is_deleted and Post.objects.visible_to(user).filter(pk=post.pk).exists()


def _visible_ids(user, ids):
    return Post.objects.visible_to(user).filter(pk__in=ids, is_deleted=False).values_list("pk", flat=True)


def _opening_posts(thread_ids: list[int]) -> dict[int, int]:
    """The opening post of each thread, which holds the translations of its title, when shown."""
    return dict(
        Post.objects.filter(thread_id__in=thread_ids, position=1, is_hidden=False, is_deleted=False).values_list(
            "thread_id", "pk"
        )
    )


def _title(post: Post) -> str:
    return post.thread.title if post.is_first else f"{post.thread.title} #{post.position}"


def _original_saved(sender, instance, created, update_fields=None, **kwargs):
    # An edit of the text (or of the thread's title) outdates the translations made from it.
    if created:
        return
    if sender is Post and (update_fields is None or "body" in update_fields):
        translations.original_changed(kind_key=KIND, obj=instance)
    elif sender is Thread and (update_fields is None or "title" in update_fields):
        first = Post.objects.filter(thread=instance, position=1).select_related("thread").first()
        if first is not None:
            translations.original_changed(kind_key=KIND, obj=first)


def register_translatable() -> None:
    registry.register(
        registry.TranslatableKind(
            key=KIND,
            label=_("post"),
            fields=_fields,
            get=_get,
            can_view=_can_view,
            visible_ids=_visible_ids,
            source_language=lambda post: post.language or post.thread.language,
            url=lambda post: post.get_absolute_url(),
            title=_title,
            scope_ids=lambda country_ids: Post.objects.filter(_in_categories_of(country_ids, "thread__")).values("pk"),
            countries_of=lambda post: _thread_countries(post.thread),
            watchers=lambda post: ThreadWatch.objects.filter(thread_id=post.thread_id).values_list(
                "user_id", flat=True
            ),
            content_warning=lambda post: post.thread.content_warning,
            get_many=lambda ids: Post.objects.select_related("thread", "thread__category").in_bulk(ids),
            search_kind=search.Kind.POST,
            reindex=lambda post: search.index_post(post),
            title_search_kinds=(search.Kind.THREAD, search.Kind.POST),
            title_owner_ids=_opening_posts,
        )
    )
    post_save.connect(_original_saved, sender=Post, weak=False, dispatch_uid="translations-outdate-post")
    post_save.connect(_original_saved, sender=Thread, weak=False, dispatch_uid="translations-outdate-thread")
