"""Forum pages. Each view parses the request, fetches through a selector (which answers 404
for what the person may not see), calls one service and renders."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts import permissions as account_permissions
from accounts.decorators import moderator_required
from core import discreet, light_mode, visits
from core.errors import add_service_error
from core.files import rendering as attachment_rendering
from core.files.uploads import limit_uploads
from core.pagination import keyset_page
from core.ratelimit import rate_limit_view
from translations import permissions as translation_permissions
from translations import registry as translation_registry

from . import fragments, listing, permissions, selectors, services
from .attachments import attach_submitted
from .filters import ThreadFilter
from .forms import DraftForm, MoveForm, PostEditForm, ReasonForm, ReplyForm, ReportForm, ThreadForm
from .models import POSTS_PER_PAGE, THREADS_PER_PAGE, Category, Draft, Reaction, Thread
from .translatable import KIND as TRANSLATION_KIND


def _view(request) -> str:
    view = request.GET.get("view") or "latest"
    return view if view in selectors.VIEWS else "latest"


def _thread_list(request, *, category=None, categories=None, view="latest", rows=True):
    base = selectors.threads_for_list(request.user)
    if category is not None:
        base = base.filter(category=category)
    fixed_ordering = None
    if view != "latest":
        base, fixed_ordering = selectors.threads_in_view(base, view=view, since=visits.visit_since(request))
    filterset = ThreadFilter(
        request.GET or None,
        queryset=base,
        request=request,
        categories=None if category is not None else categories,
    )
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else base
    cursor = request.GET.get("after")
    if fixed_ordering is not None:
        page = keyset_page(queryset, ordering=fixed_ordering, cursor=cursor, size=THREADS_PER_PAGE)
    else:
        ordering = request.GET.get("order") or "latest"
        page = selectors.thread_page(queryset, ordering=ordering, cursor=cursor, size=THREADS_PER_PAGE)
    selectors.annotate_unread(page.items)
    if not rows:  # the Categories view shows no rows (and so asks for no translations)
        return filterset, page, []
    listing.decorate_thread_rows(page.items, filters=listing.kept_filters(filterset, view))
    return filterset, page, listing.thread_rows(page.items)


def index(request):
    """Latest threads first, with Unread, New and Top views of the same filtered list, and
    the categories as a compact list (the Categories view shows them with descriptions)."""
    categories = list(selectors.categories_for_index(request.user))
    requested = request.GET.get("view")
    view = "categories" if requested == "categories" else _view(request)
    categories_only = view == "categories"
    filterset, page, thread_rows = _thread_list(
        request, categories=categories, view="latest" if categories_only else view, rows=not categories_only
    )
    return render(
        request,
        "forum/index.html",
        {
            "categories": categories,
            "filter": filterset,
            "page": page,
            "thread_rows": thread_rows,
            "can_start": bool(categories),
            "view": view,
            "views": [(key, label, _view_query(request, key)) for key, label in _VIEW_LABELS],
        },
    )


def _view_query(request, view: str) -> str:
    """The index address for another view, keeping the filters and starting at its first page."""
    query = request.GET.copy()
    query.pop("after", None)
    query.pop("view", None)
    if view != "latest":
        query["view"] = view
    return query.urlencode()


_VIEW_LABELS = [
    ("latest", gettext_lazy("Latest")),
    ("unread", gettext_lazy("Unread")),
    ("new", pgettext_lazy("threads started since the last visit", "New")),
    ("top", gettext_lazy("Top this month")),
    ("categories", gettext_lazy("Categories")),
]


def category_detail(request, slug):
    category = selectors.category_get(request.user, slug)
    filterset, page, thread_rows = _thread_list(request, category=category)
    return render(
        request,
        "forum/category.html",
        {
            "category": category,
            "filter": filterset,
            "page": page,
            "thread_rows": thread_rows,
            "can_start": permissions.can_post_in(request.user, category),
        },
    )


def _preview(request, form, body: str):
    """The preview runs the publishing checks (mentions included); a problem shows on the form."""
    try:
        return mark_safe(services.post_preview(author=request.user, body=body))  # noqa: S308 - sanitised by the service
    except ValidationError as error:
        add_service_error(form, error, field="body")
        return None


@limit_uploads
@rate_limit_view("post")
def thread_create(request):
    categories = selectors.categories_for_posting(request.user)
    slug = request.GET.get("category", services.GENERAL_CATEGORY)
    initial = {"category": slug}
    category = next((c for c in categories if c.slug == slug), None)
    draft = selectors.draft_for(request.user, kind=Draft.Kind.THREAD, category=category) if category else None
    if draft is not None:
        initial.update(
            title=draft.title, body=draft.body, content_warning=draft.content_warning, language=draft.language
        )
    if request.method == "POST" and "save_draft" in request.POST:
        # Saved as typed, even when not ready to publish: the form shows no publishing errors.
        saved = _save_draft(request)
        form = ThreadForm(categories=categories, initial=request.POST.dict())
        return render(request, "forum/thread_form.html", _composer_context(request, form, saved=saved))
    form = ThreadForm(request.POST or None, request.FILES or None, categories=categories, initial=initial)
    preview = None
    if request.method == "POST" and form.is_valid() and attach_submitted(request, form):
        data = form.cleaned_data
        if "preview" in request.POST:
            preview = _preview(request, form, data["body"])
        else:
            try:
                thread = services.thread_create(
                    author=request.user,
                    category=data["category"],
                    title=data["title"],
                    body=data["body"],
                    tags=form.tag_list(),
                    country=data["country"],
                    content_warning=data["content_warning"],
                    language=data["language"],
                )
            except ValidationError as error:
                add_service_error(form, error, field="body")
            else:
                messages.success(request, _("Your thread is published."))
                return redirect(thread)
    context = _composer_context(request, form, preview=preview, draft=draft)
    return render(request, "forum/thread_form.html", context)


def _composer_context(request, form, *, preview=None, draft=None, saved=None, thread=None) -> dict:
    """What every composer page shows besides its form: the preview, the draft status and
    the link to the member's drafts."""
    return {
        "form": form,
        "preview": preview,
        "thread": thread,
        "draft": draft,
        "draft_saved": saved,
        # Text sent back after a preview or a mistake is not the kept draft yet.
        "draft_dirty": request.method == "POST" and not saved,
        "draft_count": selectors.draft_count(request.user),
    }


def _draft_place(user, data) -> dict:
    """The place a composer's draft belongs to, among those the member can see (anything else
    is refused by the service as a place they may not post in)."""
    kind = data["draft_kind"]
    if kind == Draft.Kind.THREAD:
        category = Category.objects.visible_to(user).filter(slug=data.get("category") or "").first()
        return {"kind": kind, "category": category}
    thread = Thread.objects.visible_to(user).select_related("category").filter(pk=data.get("draft_thread") or 0)
    return {"kind": kind, "thread": thread.first()}


def _save_draft(request) -> bool | None:
    """The composer's "Save draft" button without scripts: True when kept, False when it was
    empty (and so discarded); a refusal shows as a message and the text stays on the form."""
    form = DraftForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The draft could not be saved. Please check what you typed."))
        return None
    try:
        draft = _draft_save(request.user, form.cleaned_data)
    except (ValidationError, PermissionDenied) as error:
        add_service_error(request, error)
        return None
    messages.success(request, _("Draft saved.") if draft is not None else _("The empty draft was discarded."))
    return True


def _draft_save(user, data):
    place = _draft_place(user, data)
    moved_from = None
    if place["kind"] == Draft.Kind.THREAD and data.get("draft_previous_category"):
        moved_from = Category.objects.filter(slug=data["draft_previous_category"]).first()
    return services.draft_save(
        author=user,
        **place,
        title=data["title"],
        body=data["body"],
        content_warning=data["content_warning"],
        language=data["language"],
        moved_from=moved_from,
    )


@require_POST
def draft_autosave(request):
    """The composer script's autosave: the draft status as JSON, the reason when refused."""
    form = DraftForm(request.POST)
    if not form.is_valid():
        return JsonResponse(
            {"saved": False, "error": " ".join(e for errors in form.errors.values() for e in errors)}, status=400
        )
    try:
        draft = _draft_save(request.user, form.cleaned_data)
    except PermissionDenied as error:
        return JsonResponse({"saved": False, "error": str(error)}, status=403)
    except ValidationError as error:
        return JsonResponse({"saved": False, "error": " ".join(error.messages)}, status=400)
    return JsonResponse({"saved": draft is not None, "count": selectors.draft_count(request.user)})


def _next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


@require_POST
def draft_discard(request):
    """The composer's "Discard draft" button: the draft for this place goes, and the composer
    opens empty."""
    form = DraftForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        if data["draft_kind"] == Draft.Kind.THREAD:
            category = Category.objects.filter(slug=data.get("category") or "").first()
            services.draft_discard(author=request.user, kind=Draft.Kind.THREAD, category=category)
        else:
            thread = Thread.objects.filter(pk=data.get("draft_thread") or 0).first()
            services.draft_discard(author=request.user, kind=Draft.Kind.REPLY, thread=thread)
        messages.success(request, _("The draft was discarded."))
    return redirect(_next(request, reverse("forum:drafts")))


def drafts(request):
    """The member's own drafts, latest first (a bounded list: one query)."""
    if not account_permissions.can_participate(request.user):
        raise PermissionDenied(_("Only active members can take part in the forum."))
    return render(
        request, "forum/drafts.html", {"drafts": selectors.drafts_for(request.user), "limit": selectors.DRAFTS_LIMIT}
    )


@require_POST
def draft_delete(request, pk):
    if services.draft_delete(author=request.user, draft_id=pk):
        messages.success(request, _("The draft was deleted."))
    return redirect("forum:drafts")


@require_POST
def preview(request):
    """The composer script's preview: the HTML publishing would store, checked the same way."""
    body = request.POST.get("body", "")
    try:
        html = services.post_preview(author=request.user, body=body)
    except PermissionDenied as error:
        return JsonResponse({"error": str(error)}, status=403)
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    return JsonResponse({"html": html})


@require_GET
def post_quote(request, pk):
    """The composer script's quote: the same Markdown the reply page starts with."""
    post = selectors.post_get(request.user, pk)
    if post.is_deleted:
        raise Http404
    if not permissions.can_reply(request.user, post.thread):
        raise PermissionDenied(_("This thread is locked; no new replies can be added."))
    return JsonResponse({"markup": selectors.quote_markup(post), "reply_to": post.pk})


def _page_number(request, thread) -> int | None:
    raw = request.GET.get("page")
    if raw is None:
        return None
    try:
        number = int(raw)
    except ValueError:
        return 1
    return min(max(number, 1), thread.page_count)


def thread_detail(request, pk, slug=None):
    thread = selectors.thread_get(request.user, pk)
    page_number = _page_number(request, thread)
    # Discreet mode keeps the title out of the address; otherwise the slugged one is canonical.
    canonical_slug = None if discreet.is_on(request) else thread.slug
    if slug != canonical_slug or page_number is None:
        # Open at the first unread post, on the canonical address.
        target = thread.get_absolute_url() if canonical_slug is None else thread.get_slugged_url()
        if page_number is None and 0 < thread.last_read < thread.post_count:
            first_unread = thread.last_read + 1
            page_number = (first_unread - 1) // POSTS_PER_PAGE + 1
            return redirect(f"{target}?page={page_number}#post-{first_unread}")
        if slug != canonical_slug:
            return redirect(f"{target}?page={page_number}" if page_number else target)
        page_number = 1
    posts = selectors.thread_posts(request.user, thread, page_number)
    user = request.user
    light = light_mode.is_on(request)
    shared = fragments.post_fragments(posts)
    translate_url = fragments.object_url("translations:translate", TRANSLATION_KIND)
    request_url = fragments.object_url("translations:request", TRANSLATION_KIND)
    translation_kind = translation_registry.kind_for(TRANSLATION_KIND)
    for post in posts:
        post.shared = shared[post.pk]
        post.translate_url = translate_url(post.pk)
        post.translation_request_url = request_url(post.pk)
        post.translation_options = fragments.translation_request_options(post.language)
        post.can_translate = translation_kind is not None and translation_permissions.can_translate_any(
            user, translation_kind, post
        )
        if light:
            post.body_html = attachment_rendering.light(post.body_html)
        post.can_edit = permissions.can_edit_post(user, post)
        post.can_delete = permissions.can_delete_post(user, post)
        post.can_react = permissions.can_react(user, post)
        post.can_report = permissions.can_report(user, post)
        post.is_unread = bool(thread.last_read) and post.position > thread.last_read
        counts = post.reaction_counts or {}
        post.reaction_list = [
            (kind, label, counts.get(kind, 0), kind in post.my_reactions) for kind, label in Reaction.Kind.choices
        ]
    if posts:
        services.thread_mark_read(user=user, thread=thread, position=posts[-1].position, known=thread.last_read)
    can_reply = permissions.can_reply(user, thread)
    can_moderate = permissions.can_moderate_category(user, thread.category)
    reply_form = reply_draft = None
    if can_reply and page_number == thread.page_count:
        reply_draft = thread.draft_body is not None
        reply_form = ReplyForm(initial=_reply_draft_initial(thread))
    return render(
        request,
        "forum/thread.html",
        {
            "thread": thread,
            "posts": posts,
            "page_number": page_number,
            "pages": range(1, thread.page_count + 1) if thread.page_count <= 12 else None,
            "previous_page": page_number - 1 if page_number > 1 else None,
            "next_page": page_number + 1 if page_number < thread.page_count else None,
            "can_reply": can_reply,
            "reply_form": reply_form,
            "reply_draft": reply_draft,
            "can_moderate": can_moderate,
            "full_path": request.get_full_path(),
            "move_form": MoveForm(initial={"category": thread.category.slug}) if can_moderate else None,
        },
    )


def _reply_draft_initial(thread) -> dict:
    """The reply box's text: the member's draft for this thread (read with the thread)."""
    if thread.draft_body is None:
        return {}
    return {"body": thread.draft_body, "language": thread.draft_language or ""}


def post_link(request, pk):
    post = selectors.post_get(request.user, pk)
    return redirect(f"{post.thread.get_absolute_url()}?page={post.page_number}#post-{post.position}")


@limit_uploads
@rate_limit_view("post")
def reply(request, pk):
    thread = selectors.thread_get(request.user, pk)
    if not permissions.can_reply(request.user, thread):
        raise PermissionDenied(_("This thread is locked; no new replies can be added."))
    draft = thread.draft_body is not None
    initial = _reply_draft_initial(thread)
    raw_reply_to = request.GET.get("reply_to", "")
    if request.method == "GET" and raw_reply_to.isascii() and raw_reply_to.isdigit() and len(raw_reply_to) < 12:
        initial["reply_to"] = int(raw_reply_to)  # checked again when publishing
    if request.method == "GET" and request.GET.get("quote"):
        try:
            quote = selectors.post_get(request.user, int(request.GET["quote"]))
        except (ValueError, Http404):
            quote = None
        if quote is not None and quote.thread_id == thread.pk and not quote.is_deleted:
            kept = initial.get("body", "").rstrip()
            initial["body"] = (f"{kept}\n\n" if kept else "") + selectors.quote_markup(quote)
            initial["reply_to"] = quote.pk
    if request.method == "POST" and "save_draft" in request.POST:
        saved = _save_draft(request)
        form = ReplyForm(initial=request.POST.dict())
        return render(request, "forum/reply.html", _composer_context(request, form, saved=saved, thread=thread))
    form = ReplyForm(request.POST or None, request.FILES or None, initial=initial)
    preview = None
    if request.method == "POST" and form.is_valid() and attach_submitted(request, form):
        if "preview" in request.POST:
            preview = _preview(request, form, form.cleaned_data["body"])
        else:
            reply_to = None
            if form.cleaned_data.get("reply_to"):
                # A quoted post that has since been hidden just loses the link, not the reply.
                try:
                    reply_to = selectors.post_get(request.user, form.cleaned_data["reply_to"])
                except Http404:
                    reply_to = None
            try:
                post = services.post_create(
                    author=request.user,
                    thread=thread,
                    body=form.cleaned_data["body"],
                    reply_to=reply_to,
                    language=form.cleaned_data["language"],
                )
            except ValidationError as error:
                add_service_error(form, error, field="body")
            else:
                return redirect(post.get_absolute_url())
    context = _composer_context(request, form, preview=preview, draft=draft, thread=thread)
    return render(request, "forum/reply.html", context)


def post_edit(request, pk):
    post = selectors.post_get(request.user, pk)
    if not permissions.can_edit_post(request.user, post):
        raise PermissionDenied(_("You cannot edit this post."))
    with_title = post.is_first
    initial = {"body": post.body, "title": post.thread.title}
    form = PostEditForm(request.POST or None, initial=initial, with_title=with_title)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "preview" in request.POST:
            preview = _preview(request, form, data["body"])
        else:
            try:
                services.post_edit(
                    editor=request.user,
                    post=post,
                    body=data["body"],
                    title=data.get("title"),
                    reason=data.get("reason", ""),
                )
            except ValidationError as error:
                add_service_error(form, error, field="body")
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect(post.get_absolute_url())
    return render(
        request,
        "forum/post_edit.html",
        {"post": post, "form": form, "preview": preview, "by_moderator": post.author_id != request.user.pk},
    )


def post_history(request, pk):
    post = selectors.post_get(request.user, pk)
    revisions = list(selectors.post_revisions(post))
    return render(request, "forum/post_history.html", {"post": post, "revisions": revisions})


@require_POST
def post_delete(request, pk):
    post = selectors.post_get(request.user, pk)
    if not permissions.can_delete_post(request.user, post):
        raise PermissionDenied(_("You cannot delete this post."))
    try:
        services.post_delete(actor=request.user, post=post, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        add_service_error(request, error)
    else:
        messages.success(request, _("The post was deleted."))
    return redirect(post.get_absolute_url())


@require_POST
def post_react(request, pk):
    post = selectors.post_get(request.user, pk)
    if not permissions.can_react(request.user, post):
        raise PermissionDenied(_("You cannot react to this post."))
    try:
        services.reaction_toggle(user=request.user, post=post, kind=request.POST.get("kind", ""))
    except ValidationError as error:
        add_service_error(request, error)
    return redirect(post.get_absolute_url())


@rate_limit_view("report")
def post_report(request, pk):
    post = selectors.post_get(request.user, pk)
    if not permissions.can_report(request.user, post):
        raise PermissionDenied(_("You cannot report this post."))
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_report(
                reporter=request.user, post=post, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Thank you. Moderators will look at this post."))
            return redirect(post.get_absolute_url())
    return render(request, "forum/post_report.html", {"post": post, "form": form})


@require_POST
def thread_watch(request, pk):
    thread = selectors.thread_get(request.user, pk)
    watch = request.POST.get("watch") == "1"
    services.thread_watch(user=request.user, thread=thread, watch=watch)
    messages.success(request, _("You are watching this thread.") if watch else _("You stopped watching this thread."))
    return redirect(thread)


@require_POST
def category_watch(request, slug):
    category = selectors.category_get(request.user, slug)
    watch = request.POST.get("watch") == "1"
    services.category_watch(user=request.user, category=category, watch=watch)
    messages.success(
        request, _("You are watching this category.") if watch else _("You stopped watching this category.")
    )
    return redirect(category)


@moderator_required
@require_POST
def thread_moderate(request, pk, action):
    thread = selectors.thread_get(request.user, pk)
    form = ReasonForm(request.POST)
    reason = form.data.get("reason", "")
    actions = {
        "pin": (services.thread_pin, {"pinned": True}, _("The thread is pinned.")),
        "unpin": (services.thread_pin, {"pinned": False}, _("The thread is unpinned.")),
        "lock": (services.thread_lock, {"locked": True}, _("The thread is locked.")),
        "unlock": (services.thread_lock, {"locked": False}, _("The thread is open for replies again.")),
        "hide": (services.thread_hide, {}, _("The thread is hidden from members.")),
        "unhide": (services.thread_unhide, {}, _("The thread is visible to members again.")),
    }
    service, extra, done = actions[action]
    try:
        service(actor=request.user, thread=thread, reason=reason, **extra)
    except ValidationError as error:
        add_service_error(request, error)
    else:
        messages.success(request, done)
    return redirect(thread)


@moderator_required
@require_POST
def thread_move(request, pk):
    thread = selectors.thread_get(request.user, pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.thread_move(
                actor=request.user,
                thread=thread,
                category=form.cleaned_data["category"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_error(request, error)
        else:
            messages.success(request, _("The thread was moved."))
    else:
        messages.error(request, _("Please choose a category."))
    return redirect(thread)


@moderator_required
@require_POST
def post_moderate(request, pk, action):
    post = selectors.post_get(request.user, pk)
    reason = request.POST.get("reason", "")
    try:
        if action == "hide":
            services.post_hide(actor=request.user, post=post, reason=reason)
            messages.success(request, _("The post is hidden from members."))
        else:
            services.post_unhide(actor=request.user, post=post, reason=reason)
            messages.success(request, _("The post is visible to members again."))
    except ValidationError as error:
        add_service_error(request, error)
    return redirect(post.get_absolute_url())
