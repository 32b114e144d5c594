from forum import services
from forum.models import Category
from taxonomy.models import Country
from tests.authz import FORBIDDEN, NOT_FOUND, Route, members_only, outside_scope, second_factor_first
from tests.factories import UserFactory
from tests.forum import factories

moderators_only = members_only("moderator")
# Restricted content: members who may not see it get a 404, as if it did not exist.
moderators_see = members_only(member=NOT_FOUND, expert=NOT_FOUND)
# The routes' threads are in Kazakhstan's or every country's categories: the Kyrgyzstan
# moderator does not look after them (kg-partners and the moderators' category they see).
moderator_action = second_factor_first(outside_scope(moderators_only))
hidden_to_scoped = outside_scope(moderators_see, NOT_FOUND)


def _thread(users):
    thread = factories.thread(users["owner"])
    post = factories.reply(thread, users["owner"])
    return {"thread": thread, "post": post, "first": thread.posts.get(position=1)}


def _restricted_thread(users):
    category = factories.restricted_category()
    author = UserFactory(country=Country.objects.get(slug="kg"))
    thread = factories.thread(author, category=category)
    return {"thread": thread, "category": category}


def _moderators_thread(users):
    category = Category.objects.get(slug="alliance-coordination")
    return {"thread": factories.thread(users["moderator"], category=category), "category": category}


def _hidden_thread(users):
    context = _thread(users)
    services.thread_hide(actor=users["admin"], thread=context["thread"], reason="identifies a survivor")
    return context


def _hidden_post(users):
    context = _thread(users)
    services.post_hide(actor=users["admin"], post=context["post"], reason="harassment")
    return context


def _locked_thread(users):
    context = _thread(users)
    services.thread_lock(actor=users["admin"], thread=context["thread"])
    return context


def _owners_draft(users):
    draft = services.draft_save(
        author=users["owner"], kind="thread", category=Category.objects.get(slug="prevention"), body="Mine"
    )
    return {"draft": draft}


def _picture():
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 90, 60)).save(out, format="PNG")
    return SimpleUploadedFile("poster.png", out.getvalue(), "image/png")


def _attachment_in(context, users):
    from forum.attachments import attachment_upload

    attachment = attachment_upload(uploader=context["thread"].author, upload=_picture())
    factories.reply(context["thread"], context["thread"].author, body=f"![p](upload:{attachment.pk})")
    return {**context, "attachment": attachment}


def _posted_attachment(users):
    return _attachment_in(_thread(users), users)


def _restricted_attachment(users):
    return _attachment_in(_restricted_thread(users), users)


def _hidden_attachment(users):
    context = _posted_attachment(users)
    post = context["attachment"].__class__.objects.get(pk=context["attachment"].pk).post
    services.post_hide(actor=users["admin"], post=post, reason="shows a face")
    return context


def _pending_attachment(users):
    from forum.attachments import attachment_upload

    return {"attachment": attachment_upload(uploader=users["owner"], upload=_picture())}


def _attachment_url(c):
    return f"/forum/attachments/{c['attachment'].pk}/"


# An upload not yet in a post: its uploader alone, so every persona here gets 404.
uploader_only = members_only(member=NOT_FOUND, expert=NOT_FOUND, moderator=NOT_FOUND, admin=NOT_FOUND)


def _thread_url(c):
    return c["thread"].get_absolute_url()


ROUTES = [
    Route("forum:index", "/forum/", members_only()),
    Route("forum:category", "/forum/prevention/", members_only(), id="category-open"),
    Route(
        "forum:category",
        "/forum/no-such-category/",
        members_only(member=NOT_FOUND, expert=NOT_FOUND, moderator=NOT_FOUND, admin=NOT_FOUND),
        id="category-missing",
    ),
    Route(
        "forum:category",
        lambda c: c["category"].get_absolute_url(),
        moderators_see,
        setup=_restricted_thread,
        id="category-other-country",
    ),
    Route("forum:category", "/forum/alliance-coordination/", moderators_see, id="category-moderators"),
    Route("forum:category_watch", "/forum/prevention/watch/", members_only(), method="post", data={"watch": "1"}),
    Route(
        "forum:category_watch",
        lambda c: f"{c['category'].get_absolute_url()}watch/",
        moderators_see,
        method="post",
        data={"watch": "1"},
        setup=_restricted_thread,
        id="category-watch-restricted",
    ),
    Route("forum:thread_create", "/forum/new/", members_only()),
    Route(
        "forum:thread_create",
        "/forum/new/",
        members_only(),
        method="post",
        data={"category": "prevention", "title": "Referral pathways", "body": "Which work for you?"},
        id="post:thread_create",
    ),
    Route("forum:thread", _thread_url, members_only(), setup=_thread),
    Route("forum:thread", _thread_url, moderators_see, setup=_restricted_thread, id="thread-other-country"),
    Route("forum:thread", _thread_url, moderators_see, setup=_moderators_thread, id="thread-moderators-category"),
    Route("forum:thread", _thread_url, hidden_to_scoped, setup=_hidden_thread, id="thread-hidden"),
    Route("forum:reply", lambda c: f"/forum/threads/{c['thread'].pk}/reply/", members_only(), setup=_thread),
    Route(
        "forum:reply",
        lambda c: f"/forum/threads/{c['thread'].pk}/reply/",
        members_only(),
        method="post",
        data={"body": "Thank you for sharing."},
        setup=_thread,
        id="post:reply",
    ),
    Route(
        "forum:reply",
        lambda c: f"/forum/threads/{c['thread'].pk}/reply/",
        outside_scope(moderators_only),
        method="post",
        data={"body": "Late reply"},
        setup=_locked_thread,
        id="post:reply-locked",
    ),
    Route(
        "forum:reply",
        lambda c: f"/forum/threads/{c['thread'].pk}/reply/",
        moderators_see,
        method="post",
        data={"body": "Reply"},
        setup=_restricted_thread,
        id="post:reply-other-country",
    ),
    Route(
        "forum:thread_watch",
        lambda c: f"/forum/threads/{c['thread'].pk}/watch/",
        members_only(),
        method="post",
        data={"watch": "1"},
        setup=_thread,
    ),
    Route(
        "forum:thread_watch",
        lambda c: f"/forum/threads/{c['thread'].pk}/watch/",
        hidden_to_scoped,
        method="post",
        data={"watch": "1"},
        setup=_hidden_thread,
        id="thread-watch-hidden",
    ),
    Route(
        "forum:thread_move",
        lambda c: f"/forum/threads/{c['thread'].pk}/move/",
        moderator_action,
        method="post",
        data={"category": "youth", "reason": "fits better"},
        setup=_thread,
    ),
    Route(
        "forum:thread_moderate",
        lambda c: f"/forum/threads/{c['thread'].pk}/lock/",
        moderator_action,
        method="post",
        data={"reason": "resolved"},
        setup=_thread,
    ),
    Route(
        "forum:thread_moderate",
        lambda c: f"/forum/threads/{c['thread'].pk}/hide/",
        moderator_action,
        method="post",
        data={"reason": "identifies a survivor"},
        setup=_thread,
        id="post:thread-hide",
    ),
    Route("forum:post", lambda c: f"/forum/p/{c['post'].pk}/", members_only(), setup=_thread),
    Route("forum:post", lambda c: f"/forum/p/{c['post'].pk}/", hidden_to_scoped, setup=_hidden_post, id="post-hidden"),
    Route("forum:post_edit", lambda c: f"/forum/p/{c['post'].pk}/edit/", outside_scope(moderators_only), setup=_thread),
    Route(
        "forum:post_edit",
        lambda c: f"/forum/p/{c['post'].pk}/edit/",
        outside_scope(moderators_only),
        method="post",
        data={"body": "Changed", "reason": "typo"},
        setup=_thread,
        id="post:post_edit-others",
    ),
    Route("forum:post_history", lambda c: f"/forum/p/{c['post'].pk}/history/", members_only(), setup=_thread),
    Route(
        "forum:post_history",
        lambda c: f"/forum/p/{c['post'].pk}/history/",
        hidden_to_scoped,
        setup=_hidden_post,
        id="post_history-hidden",
    ),
    Route(
        "forum:post_delete",
        lambda c: f"/forum/p/{c['post'].pk}/delete/",
        outside_scope(moderators_only),
        method="post",
        data={"reason": "duplicate"},
        setup=_thread,
    ),
    Route(
        "forum:post_react",
        lambda c: f"/forum/p/{c['post'].pk}/react/",
        members_only(),
        method="post",
        data={"kind": "thanks"},
        setup=_thread,
    ),
    Route(
        "forum:post_react",
        lambda c: f"/forum/p/{c['post'].pk}/react/",
        hidden_to_scoped,
        method="post",
        data={"kind": "thanks"},
        setup=_hidden_post,
        id="post:react-hidden",
    ),
    Route("forum:post_report", lambda c: f"/forum/p/{c['post'].pk}/report/", members_only(), setup=_thread),
    Route(
        "forum:post_report",
        lambda c: f"/forum/p/{c['post'].pk}/report/",
        members_only(),
        method="post",
        data={"reason": "spam"},
        setup=_thread,
        id="post:post_report",
    ),
    Route(
        "forum:post_moderate",
        lambda c: f"/forum/p/{c['post'].pk}/hide/",
        moderator_action,
        method="post",
        data={"reason": "harassment"},
        setup=_thread,
    ),
    Route(
        "forum:post_moderate",
        lambda c: f"/forum/p/{c['post'].pk}/unhide/",
        second_factor_first(outside_scope(moderators_only, NOT_FOUND)),
        method="post",
        setup=_hidden_post,
        id="post:post-unhide",
    ),
    # Drafts, preview and quotes: the composer's helpers, checked as posting there is.
    Route("forum:drafts", "/forum/drafts/", members_only()),
    Route(
        "forum:draft_autosave",
        "/forum/drafts/save/",
        members_only(),
        method="post",
        data={"draft_kind": "thread", "category": "prevention", "body": "Half a thought"},
        id="post:draft_autosave",
    ),
    Route(
        "forum:draft_autosave",
        "/forum/drafts/save/",
        outside_scope(moderators_only),
        method="post",
        data=lambda c: {"draft_kind": "reply", "draft_thread": c["thread"].pk, "body": "Late reply"},
        setup=_locked_thread,
        id="post:draft_autosave-locked",
    ),
    Route(
        "forum:draft_autosave",
        "/forum/drafts/save/",
        members_only(member=FORBIDDEN, expert=FORBIDDEN),
        method="post",
        data=lambda c: {"draft_kind": "reply", "draft_thread": c["thread"].pk, "body": "Reply"},
        setup=_restricted_thread,
        id="post:draft_autosave-other-country",
    ),
    Route(
        "forum:draft_autosave",
        "/forum/drafts/save/",
        members_only(member=FORBIDDEN, expert=FORBIDDEN),
        method="post",
        data={"draft_kind": "thread", "category": "alliance-coordination", "body": "Plan"},
        id="post:draft_autosave-moderators-category",
    ),
    Route(
        "forum:draft_discard",
        "/forum/drafts/discard/",
        members_only(),
        method="post",
        data={"draft_kind": "thread", "category": "prevention"},
    ),
    Route(
        "forum:draft_delete",
        lambda c: f"/forum/drafts/{c['draft'].pk}/delete/",
        members_only(),
        method="post",
        setup=_owners_draft,
    ),
    Route("forum:preview", "/forum/preview/", members_only(), method="post", data={"body": "*soft*"}),
    Route("forum:post_quote", lambda c: f"/forum/p/{c['post'].pk}/quote/", members_only(), setup=_thread),
    Route(
        "forum:post_quote",
        lambda c: f"/forum/p/{c['thread'].posts.get().pk}/quote/",
        moderators_see,
        setup=_restricted_thread,
        id="post_quote-other-country",
    ),
    Route(
        "forum:post_quote",
        lambda c: f"/forum/p/{c['post'].pk}/quote/",
        outside_scope(moderators_only),
        setup=_locked_thread,
        id="post_quote-locked",
    ),
    Route("forum:attachment", _attachment_url, members_only(), setup=_posted_attachment),
    Route(
        "forum:attachment",
        _attachment_url,
        moderators_see,
        setup=_restricted_attachment,
        id="attachment-other-country",
    ),
    Route("forum:attachment", _attachment_url, hidden_to_scoped, setup=_hidden_attachment, id="attachment-hidden"),
    Route("forum:attachment", _attachment_url, uploader_only, setup=_pending_attachment, id="attachment-unpublished"),
    Route(
        "forum:attachment_thumb",
        lambda c: f"/forum/attachments/{c['attachment'].pk}/thumb/",
        members_only(),
        setup=_posted_attachment,
    ),
    Route(
        "forum:attachment_thumb",
        lambda c: f"/forum/attachments/{c['attachment'].pk}/thumb/",
        moderators_see,
        setup=_restricted_attachment,
        id="attachment-thumb-other-country",
    ),
    Route(
        "forum:attachment_upload",
        "/forum/attachments/upload/",
        members_only(),
        method="post",
        data=lambda c: {"file": _picture()},
    ),
]
