"""Forum writes. Each function checks the actor's rights itself, runs in one transaction and
writes the audit entry for moderator actions, so views, commands, other apps and tests all get
the same behaviour."""

import re
from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts import permissions as account_permissions
from accounts.mentions import mentions_prepare
from core import content_language
from core.content_warning import CONTENT_WARNING_MAX_LENGTH
from core.text import without_direction_controls
from moderation.audit import AuditAction, audit_record
from moderation.services import report_create, reports_resolve_for

from . import activity, permissions
from .attachments import render_with_attachments
from .links import post_links_record
from .models import (
    Category,
    CategoryWatch,
    Draft,
    Post,
    PostRevision,
    Reaction,
    Tag,
    Thread,
    ThreadRead,
    ThreadWatch,
)

TITLE_MIN, TITLE_MAX = 5, 150
BODY_MAX = 20_000
TAG_MIN, TAG_MAX, TAGS_PER_THREAD = 2, 30, 5
REASON_MAX = 500
# Letters in any script, digits and single hyphens between them.
TAG_RE = re.compile(r"^[^\W_]+(?:-[^\W_]+)*$", re.UNICODE)
GENERAL_CATEGORY = "general"


# Validation ---------------------------------------------------------------------------


def clean_title(title: str) -> str:
    # Bidi controls would turn around the sentences that quote the title.
    title = " ".join(without_direction_controls(title).split())
    if not title:
        raise ValidationError(_("Please give the thread a title."), code="title_required")
    if len(title) < TITLE_MIN:
        raise ValidationError(
            _("The title is too short: please use at least %(min)d characters.") % {"min": TITLE_MIN},
            code="title_too_short",
        )
    if len(title) > TITLE_MAX:
        raise ValidationError(
            _("The title is too long: please keep it under %(max)d characters.") % {"max": TITLE_MAX},
            code="title_too_long",
        )
    return title


def clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Please write a message."), code="body_required")
    if len(body) > BODY_MAX:
        raise ValidationError(
            _("The message is too long: please keep it under %(max)d characters.") % {"max": BODY_MAX},
            code="body_too_long",
        )
    return body


def clean_tags(tags: list[str] | None) -> list[str]:
    """Normalise tag names into slugs; an invalid tag is reported, never silently dropped."""
    slugs = []
    for raw in tags or []:
        slug = slugify(" ".join(str(raw).split()), allow_unicode=True)
        if not raw.strip():
            continue
        if not (TAG_MIN <= len(slug) <= TAG_MAX) or not TAG_RE.match(slug) or slug != "-".join(raw.lower().split()):
            raise ValidationError(
                _("“%(tag)s” is not a valid tag: use %(min)d to %(max)d letters, digits or hyphens.")
                % {"tag": raw.strip()[:40], "min": TAG_MIN, "max": TAG_MAX},
                code="invalid_tag",
            )
        if slug not in slugs:
            slugs.append(slug)
    if len(slugs) > TAGS_PER_THREAD:
        raise ValidationError(_("Please use at most %(max)d tags.") % {"max": TAGS_PER_THREAD}, code="too_many_tags")
    return slugs


def clean_reason(reason: str, *, required: bool = False) -> str:
    reason = " ".join((reason or "").split())
    if required and not reason:
        raise ValidationError(_("Please give a reason; it is kept in the audit log."), code="reason_required")
    if len(reason) > REASON_MAX:
        raise ValidationError(
            _("The reason is too long: please keep it under %(max)d characters.") % {"max": REASON_MAX},
            code="reason_too_long",
        )
    return reason


def _render(body: str):
    """Resolve a body's mentions to member ids and render it: (body to store, HTML, members).
    A name that matches nobody or several members is an error the member can fix."""
    prepared = mentions_prepare(body)
    return prepared.body, str(prepared.html), prepared.members


def post_preview(*, author, body: str) -> str:
    """What a post will look like, checked as publishing checks it (mentions included)."""
    _require_participant(author)
    body = clean_body(body)
    html = _render(body)[1]
    if "upload:" in body:
        # The author's pictures and files as they will show (nothing is attached yet).
        html = render_with_attachments(body, author=author)[0]
    return html


def _require_participant(user) -> None:
    if not account_permissions.can_participate(user):
        raise PermissionDenied(_("Only active members can take part in the forum."))


def _require_moderator(user, category: Category) -> None:
    if not permissions.can_moderate_forum(user):
        raise PermissionDenied(_("Only moderators with two-factor login can do this."))
    if not permissions.can_moderate_category(user, category):
        raise PermissionDenied(_("This category is outside the countries you moderate."))


def _refresh_counters(thread: Thread) -> None:
    """Recount after a post leaves or returns to view; the caller holds the thread's row lock."""
    shown = Post.objects.filter(thread=thread, is_deleted=False, is_hidden=False)
    thread.reply_count = shown.filter(position__gt=1).count()
    last = shown.order_by("-position").only("created_at", "author_name").first()
    if last is not None:
        thread.last_posted_at, thread.last_poster_name = last.created_at, last.author_name
    thread.save(update_fields=["reply_count", "last_posted_at", "last_poster_name", "updated_at"])


def _lock_thread(thread: Thread) -> Thread:
    # Row lock: concurrent replies take turns for the next position and the counters.
    return Thread.objects.select_for_update().get(pk=thread.pk)


# Threads and posts --------------------------------------------------------------------


@transaction.atomic
def thread_create(
    *,
    author,
    category: Category | None,
    title: str,
    body: str,
    tags: list[str] | None = None,
    country=None,
    content_warning: str = "",
    subject=None,
    language: str = "",
) -> Thread:
    _require_participant(author)
    if category is None:
        category = Category.objects.get(slug=GENERAL_CATEGORY)
    if not Category.objects.visible_to(author).filter(pk=category.pk).exists():
        raise PermissionDenied(_("You cannot post in this category."))
    if not permissions.can_post_in(author, category):
        raise PermissionDenied(_("You cannot post in this category."))
    errors = {}
    steps: list[tuple[str, Callable[[Any], Any], Any]] = [
        ("title", clean_title, title),
        ("body", clean_body, body),
        ("tags", clean_tags, tags),
    ]
    for field, cleaner, value in steps:
        try:
            cleaned = cleaner(value)
        except ValidationError as error:
            errors[field] = error
        else:
            if field == "title":
                title = cleaned
            elif field == "body":
                body = cleaned
            else:
                tags = cleaned
    content_warning = " ".join((content_warning or "").split())
    if len(content_warning) > CONTENT_WARNING_MAX_LENGTH:
        errors["content_warning"] = ValidationError(
            _("Please keep the content warning under %(max)d characters.") % {"max": CONTENT_WARNING_MAX_LENGTH},
            code="warning_too_long",
        )
    if not errors:
        try:
            body, body_html, mentioned = _render(body)
        except ValidationError as error:
            errors["body"] = error
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    language = content_language.resolve(language, f"{title}\n{body}")
    thread = Thread.objects.create(
        category=category,
        title=title,
        language=language,
        author=author,
        author_name=author.display_name,
        country=country,
        content_warning=content_warning,
        subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        subject_id=subject.pk if subject is not None else None,
        post_count=1,
        last_posted_at=now,
        last_poster_name=author.display_name,
    )
    if tags:
        for slug in tags:
            Tag.objects.get_or_create(slug=slug, defaults={"name": slug})
        thread.tags.set(Tag.objects.filter(slug__in=tags))
    post = Post.objects.create(
        thread=thread,
        position=1,
        author=author,
        author_name=author.display_name,
        body=body,
        body_html=body_html,
        language=language,
    )
    post.mentions.set(mentioned)
    post_links_record(post, new=True)
    # The author has read their own thread.
    ThreadRead.objects.create(user=author, thread=thread, last_read_position=1)
    Draft.objects.filter(author=author, kind=Draft.Kind.THREAD, category=category).delete()
    activity.post_published(post=post, thread=thread, mentioned=mentioned, new_thread=True)
    return thread


@transaction.atomic
def thread_for_subject(*, author, subject, title: str, body: str, category=None) -> Thread:
    from .selectors import threads_for_subject

    existing = threads_for_subject(author, subject).order_by("created_at", "id").first()
    if existing is not None:
        return existing
    return thread_create(author=author, category=category, title=title, body=body, subject=subject)


@transaction.atomic
def post_create(*, author, thread: Thread, body: str, reply_to: Post | None = None, language: str = "") -> Post:
    _require_participant(author)
    thread = _lock_thread(thread)
    if thread.is_hidden and not permissions.can_moderate_forum(author):
        raise ValidationError(_("This thread has been hidden by a moderator; replies are closed."), code="hidden")
    if not permissions.can_reply(author, thread):
        raise ValidationError(_("This thread is locked; no new replies can be added."), code="locked")
    body = clean_body(body)
    body, body_html, mentioned = _render(body)
    if reply_to is not None and reply_to.thread_id != thread.pk:
        reply_to = None
    now = timezone.now()
    post = Post.objects.create(
        thread=thread,
        position=thread.post_count + 1,
        author=author,
        author_name=author.display_name,
        body=body,
        body_html=body_html,
        language=content_language.resolve(language, body),
        reply_to=reply_to,
    )
    post.mentions.set(mentioned)
    post_links_record(post, new=True)
    Thread.objects.filter(pk=thread.pk).update(
        post_count=F("post_count") + 1,
        reply_count=F("reply_count") + 1,
        last_posted_at=now,
        last_poster_name=author.display_name,
        updated_at=now,
    )
    ThreadRead.objects.update_or_create(user=author, thread=thread, defaults={"last_read_position": post.position})
    Draft.objects.filter(author=author, kind=Draft.Kind.REPLY, thread=thread).delete()
    activity.post_published(post=post, thread=thread, mentioned=mentioned, new_thread=False)
    return post


@transaction.atomic
def post_edit(*, editor, post: Post, body: str, title: str | None = None, reason: str = "") -> Post:
    post = Post.objects.select_for_update().select_related("thread").get(pk=post.pk)
    if not permissions.can_edit_post(editor, post):
        raise PermissionDenied(_("You cannot edit this post."))
    by_moderator = post.author_id != editor.pk
    reason = clean_reason(reason, required=by_moderator)
    errors = {}
    try:
        body = clean_body(body)
        body, body_html, mentioned = _render(body)
    except ValidationError as error:
        errors["body"] = error
    thread = post.thread
    if title is not None and post.is_first:
        try:
            title = clean_title(title)
        except ValidationError as error:
            errors["title"] = error
    else:
        title = None
    if errors:
        raise ValidationError(errors)
    if body == post.body and (title is None or title == thread.title):
        return post
    PostRevision.objects.create(
        post=post,
        body=post.body,
        body_html=post.body_html,
        title=thread.title if post.is_first else "",
        editor=editor,
        editor_name=editor.display_name,
        reason=reason,
    )
    post.body, post.body_html = body, body_html
    post.language = content_language.detect(f"{title or ''}\n{body}")
    post.edit_count += 1
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "language", "edit_count", "edited_at", "updated_at"])
    if post.is_first and post.language != thread.language:
        thread.language = post.language
        thread.save(update_fields=["language", "updated_at"])
    post.mentions.set(mentioned)
    post_links_record(post)
    if title is not None and title != thread.title:
        thread.title = title
        thread.save(update_fields=["title", "updated_at"])
        activity.thread_changed(thread)
    else:
        activity.post_changed(post)
    if by_moderator:
        audit_record(
            actor=editor,
            action=AuditAction.FORUM_POST_EDIT,
            target=post,
            target_user=post.author,
            reason=reason,
            data={"thread": thread.pk, "position": post.position},
        )
    return post


@transaction.atomic
def post_delete(*, actor, post: Post, reason: str = "") -> Post:
    post = Post.objects.select_for_update().select_related("thread").get(pk=post.pk)
    if not permissions.can_delete_post(actor, post):
        raise PermissionDenied(_("You cannot delete this post."))
    by_moderator = post.author_id != actor.pk
    reason = clean_reason(reason, required=by_moderator)
    thread = _lock_thread(post.thread)
    post.is_deleted = True
    post.deleted_at = timezone.now()
    post.save(update_fields=["is_deleted", "deleted_at", "updated_at"])
    _refresh_counters(thread)
    activity.post_changed(post)
    if by_moderator:
        audit_record(
            actor=actor,
            action=AuditAction.FORUM_POST_DELETE,
            target=post,
            target_user=post.author,
            reason=reason,
            data={"thread": thread.pk, "position": post.position},
        )
    return post


# Moderation ---------------------------------------------------------------------------


def _set_post_hidden(*, actor, post: Post, hidden: bool, reason: str) -> Post:
    _require_moderator(actor, post.thread.category)
    reason = clean_reason(reason, required=hidden)
    post = Post.objects.select_for_update().get(pk=post.pk)
    if post.is_first and hidden:
        raise ValidationError(_("To hide the opening post, hide the whole thread."), code="first_post")
    if post.is_hidden == hidden:
        return post
    thread = _lock_thread(post.thread)
    post.is_hidden = hidden
    post.hidden_reason = reason if hidden else ""
    post.save(update_fields=["is_hidden", "hidden_reason", "updated_at"])
    _refresh_counters(thread)
    activity.post_changed(post)
    audit_record(
        actor=actor,
        action=AuditAction.FORUM_POST_HIDE if hidden else AuditAction.FORUM_POST_UNHIDE,
        target=post,
        target_user=post.author,
        reason=reason,
        data={"thread": thread.pk, "position": post.position},
    )
    if hidden:
        reports_resolve_for(actor=actor, target=post)
    return post


@transaction.atomic
def post_hide(*, actor, post: Post, reason: str) -> Post:
    return _set_post_hidden(actor=actor, post=post, hidden=True, reason=reason)


@transaction.atomic
def post_unhide(*, actor, post: Post, reason: str = "") -> Post:
    return _set_post_hidden(actor=actor, post=post, hidden=False, reason=reason)


def _thread_flag(
    *, actor, thread: Thread, field: str, value: bool, action: AuditAction, reason: str, reason_required=False
):
    _require_moderator(actor, thread.category)
    reason = clean_reason(reason, required=reason_required)
    thread = _lock_thread(thread)
    if getattr(thread, field) == value:
        return thread
    setattr(thread, field, value)
    fields = [field, "updated_at"]
    if field == "is_hidden":
        thread.hidden_reason = reason if value else ""
        fields.append("hidden_reason")
    thread.save(update_fields=fields)
    if field == "is_hidden":
        activity.thread_changed(thread)
    audit_record(actor=actor, action=action, target=thread, target_user=thread.author, reason=reason)
    if field == "is_hidden" and value:
        first = thread.posts.filter(position=1).first()
        if first is not None:
            reports_resolve_for(actor=actor, target=first)
    return thread


@transaction.atomic
def thread_pin(*, actor, thread: Thread, pinned: bool = True, reason: str = "") -> Thread:
    action = AuditAction.FORUM_THREAD_PIN if pinned else AuditAction.FORUM_THREAD_UNPIN
    return _thread_flag(actor=actor, thread=thread, field="is_pinned", value=pinned, action=action, reason=reason)


@transaction.atomic
def thread_lock(*, actor, thread: Thread, locked: bool = True, reason: str = "") -> Thread:
    action = AuditAction.FORUM_THREAD_LOCK if locked else AuditAction.FORUM_THREAD_UNLOCK
    return _thread_flag(actor=actor, thread=thread, field="is_locked", value=locked, action=action, reason=reason)


@transaction.atomic
def thread_hide(*, actor, thread: Thread, reason: str) -> Thread:
    return _thread_flag(
        actor=actor,
        thread=thread,
        field="is_hidden",
        value=True,
        action=AuditAction.FORUM_THREAD_HIDE,
        reason=reason,
        reason_required=True,
    )


@transaction.atomic
def thread_unhide(*, actor, thread: Thread, reason: str = "") -> Thread:
    return _thread_flag(
        actor=actor,
        thread=thread,
        field="is_hidden",
        value=False,
        action=AuditAction.FORUM_THREAD_UNHIDE,
        reason=reason,
    )


@transaction.atomic
def thread_move(*, actor, thread: Thread, category: Category, reason: str = "") -> Thread:
    _require_moderator(actor, thread.category)
    _require_moderator(actor, category)
    reason = clean_reason(reason)
    thread = _lock_thread(thread)
    if thread.category_id == category.pk:
        return thread
    previous = thread.category
    thread.category = category
    thread.save(update_fields=["category", "updated_at"])
    activity.thread_changed(thread)
    audit_record(
        actor=actor,
        action=AuditAction.FORUM_THREAD_MOVE,
        target=thread,
        target_user=thread.author,
        reason=reason,
        data={"from": previous.slug, "to": category.slug},
    )
    return thread


# Reactions, reading, watching, reports ------------------------------------------------


@transaction.atomic
def reaction_toggle(*, user, post: Post, kind: str) -> bool:
    """Add the reaction, or take it back if it was there. Returns whether it is now on."""
    if kind not in Reaction.Kind.values:
        raise ValidationError(_("Unknown reaction."), code="invalid_reaction")
    post = Post.objects.select_for_update().get(pk=post.pk)
    if not permissions.can_react(user, post):
        raise PermissionDenied(_("You cannot react to this post."))
    deleted, _count = Reaction.objects.filter(post=post, user=user, kind=kind).delete()
    counts = dict(post.reaction_counts or {})
    if deleted:
        counts[kind] = max(0, counts.get(kind, 0) - 1)
    else:
        Reaction.objects.create(post=post, user=user, kind=kind)
        counts[kind] = counts.get(kind, 0) + 1
        activity.post_reacted(post=post, user=user)
    post.reaction_counts = {key: value for key, value in counts.items() if value}
    post.save(update_fields=["reaction_counts"])
    return not deleted


def thread_mark_read(*, user, thread: Thread, position: int, known: int | None = None) -> None:
    """Move the member's read marker forward (never back) to ``position``. ``known`` is the
    marker the caller already read (0 for none), which saves queries on every page view."""
    if not account_permissions.can_participate(user) or position < 1:
        return
    if known is not None and position <= known:
        return
    if known:
        ThreadRead.objects.filter(user=user, thread=thread, last_read_position__lt=position).update(
            last_read_position=position, updated_at=timezone.now()
        )
        return
    updated = ThreadRead.objects.filter(user=user, thread=thread, last_read_position__lt=position).update(
        last_read_position=position, updated_at=timezone.now()
    )
    if not updated:
        ThreadRead.objects.get_or_create(user=user, thread=thread, defaults={"last_read_position": position})


@transaction.atomic
def thread_watch(*, user, thread: Thread, watch: bool) -> None:
    _require_participant(user)
    if watch:
        ThreadWatch.objects.get_or_create(user=user, thread=thread)
    else:
        ThreadWatch.objects.filter(user=user, thread=thread).delete()


@transaction.atomic
def category_watch(*, user, category: Category, watch: bool) -> None:
    _require_participant(user)
    if watch:
        CategoryWatch.objects.get_or_create(user=user, category=category)
    else:
        CategoryWatch.objects.filter(user=user, category=category).delete()


@transaction.atomic
def post_report(*, reporter, post: Post, reason: str, note: str = ""):
    if not permissions.can_report(reporter, post):
        raise PermissionDenied(_("You cannot report this post."))
    snapshot = f"{post.thread.title}\n\n{post.body}"
    return report_create(
        reporter=reporter, target=post, reason=reason, note=note, snapshot=snapshot, target_author=post.author
    )


# Drafts -------------------------------------------------------------------------------


def _draft_target(author, *, kind: str, category: Category | None, thread: Thread | None) -> dict:
    """Where a draft belongs, checked as publishing there is: a member keeps a draft only
    where they may post now."""
    _require_participant(author)
    if kind == Draft.Kind.THREAD:
        if (
            category is None
            or not Category.objects.visible_to(author).filter(pk=category.pk).exists()
            or not permissions.can_post_in(author, category)
        ):
            raise PermissionDenied(_("You cannot post in this category."))
        return {"kind": Draft.Kind.THREAD, "category": category, "thread": None}
    if kind == Draft.Kind.REPLY:
        # Read again: the thread may have been locked, hidden or moved since the page opened.
        current = None
        if thread is not None:
            current = Thread.objects.visible_to(author).select_related("category").filter(pk=thread.pk).first()
        if current is None or not permissions.can_reply(author, current):
            raise PermissionDenied(_("You cannot reply to this thread."))
        return {"kind": Draft.Kind.REPLY, "category": None, "thread": current}
    raise ValidationError(_("This draft does not belong to a thread or a category."), code="invalid_draft")


def _draft_text(value) -> str:
    # Kept as typed (spaces and line breaks are the member's), without NUL characters,
    # which no database column takes.
    return str(value or "").replace("\x00", "")


@transaction.atomic
def draft_save(
    *,
    author,
    kind: str,
    category: Category | None = None,
    thread: Thread | None = None,
    title: str = "",
    body: str = "",
    content_warning: str = "",
    language: str = "",
    moved_from: Category | None = None,
) -> Draft | None:
    """Keep what the member is writing, never publishing it. An empty draft is discarded.
    ``moved_from``: the category a new thread's draft was kept under before the member chose
    another one."""
    target = _draft_target(author, kind=kind, category=category, thread=thread)
    title, body, content_warning = _draft_text(title), _draft_text(body), _draft_text(content_warning)
    if target["kind"] == Draft.Kind.REPLY:
        title, content_warning = "", ""
    errors = {}
    if len(title.strip()) > TITLE_MAX:
        errors["title"] = ValidationError(
            _("The title is too long: please keep it under %(max)d characters.") % {"max": TITLE_MAX},
            code="title_too_long",
        )
    if len(body) > BODY_MAX:
        errors["body"] = ValidationError(
            _("The message is too long: please keep it under %(max)d characters.") % {"max": BODY_MAX},
            code="body_too_long",
        )
    if len(content_warning.strip()) > CONTENT_WARNING_MAX_LENGTH:
        errors["content_warning"] = ValidationError(
            _("Please keep the content warning under %(max)d characters.") % {"max": CONTENT_WARNING_MAX_LENGTH},
            code="warning_too_long",
        )
    if errors:
        raise ValidationError(errors)
    if language not in content_language.CODES:
        language = ""
    if (
        target["kind"] == Draft.Kind.THREAD
        and moved_from is not None
        and category is not None
        and moved_from.pk != category.pk
    ):
        Draft.objects.filter(author=author, kind=Draft.Kind.THREAD, category=moved_from).delete()
    if not (title.strip() or body.strip() or content_warning.strip()):
        Draft.objects.filter(author=author, **target).delete()
        return None
    draft, _created = Draft.objects.update_or_create(
        author=author,
        **target,
        defaults={
            "title": title.strip(),
            "body": body,
            "content_warning": content_warning.strip(),
            "language": language,
        },
    )
    return draft


@transaction.atomic
def draft_discard(*, author, kind: str, category: Category | None = None, thread: Thread | None = None) -> bool:
    """Throw away the member's draft for one place. Their own drafts only, even where they
    may no longer post."""
    if not getattr(author, "is_authenticated", False):
        raise PermissionDenied(_("Only active members can take part in the forum."))
    if kind == Draft.Kind.THREAD and category is not None:
        drafts = Draft.objects.filter(author=author, kind=kind, category=category)
    elif kind == Draft.Kind.REPLY and thread is not None:
        drafts = Draft.objects.filter(author=author, kind=kind, thread=thread)
    else:
        return False
    deleted, _rows = drafts.delete()
    return bool(deleted)


@transaction.atomic
def draft_delete(*, author, draft_id: int) -> bool:
    """Delete one of the member's drafts by id; someone else's draft is never touched."""
    if not getattr(author, "is_authenticated", False):
        raise PermissionDenied(_("Only active members can take part in the forum."))
    deleted, _rows = Draft.objects.filter(author=author, pk=draft_id).delete()
    return bool(deleted)
