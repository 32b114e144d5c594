"""Forum pages. Each view parses the request, fetches through a selector (which answers 404
for what the person may not see), calls one service and renders."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from core import discreet, visits
from core.decorators import moderator_required
from core.errors import add_service_error
from core.names import member_name
from core.pagination import keyset_page
from core.ratelimit import rate_limit_view

from . import permissions, selectors, services
from .filters import ThreadFilter
from .forms import MoveForm, PostEditForm, ReasonForm, ReplyForm, ReportForm, ThreadForm
from .models import POSTS_PER_PAGE, THREADS_PER_PAGE, Category, Reaction


def _view(request) -> str:
    view = request.GET.get("view") or "latest"
    return view if view in selectors.VIEWS else "latest"


def _thread_list(request, *, category=None, view="latest"):
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
        categories=None if category is not None else Category.objects.visible_to(request.user),
    )
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else base
    cursor = request.GET.get("after")
    if fixed_ordering is not None:
        page = keyset_page(queryset, ordering=fixed_ordering, cursor=cursor, size=THREADS_PER_PAGE)
    else:
        ordering = request.GET.get("order") or "latest"
        page = selectors.thread_page(queryset, ordering=ordering, cursor=cursor, size=THREADS_PER_PAGE)
    selectors.annotate_unread(page.items)
    return filterset, page


def index(request):
    """Latest threads first, with Unread, New and Top views of the same filtered list, and
    the categories as a compact list (the Categories view shows them with descriptions)."""
    categories = list(selectors.categories_for_index(request.user))
    requested = request.GET.get("view")
    view = "categories" if requested == "categories" else _view(request)
    filterset, page = _thread_list(request, view="latest" if view == "categories" else view)
    return render(
        request,
        "forum/index.html",
        {
            "categories": categories,
            "filter": filterset,
            "page": page,
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
    ("latest", _lazy("Latest")),
    ("unread", _lazy("Unread")),
    ("new", _lazy("New")),
    ("top", _lazy("Top this month")),
    ("categories", _lazy("Categories")),
]


def category_detail(request, slug):
    category = selectors.category_get(request.user, slug)
    filterset, page = _thread_list(request, category=category)
    return render(
        request,
        "forum/category.html",
        {
            "category": category,
            "filter": filterset,
            "page": page,
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


@rate_limit_view("post")
def thread_create(request):
    categories = selectors.categories_for_posting(request.user)
    initial = {"category": request.GET.get("category", services.GENERAL_CATEGORY)}
    form = ThreadForm(request.POST or None, categories=categories, initial=initial)
    preview = None
    if request.method == "POST" and form.is_valid():
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
    return render(request, "forum/thread_form.html", {"form": form, "preview": preview})


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
    for post in posts:
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
    reply_form = None
    if can_reply and page_number == thread.page_count:
        reply_form = ReplyForm()
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
            "can_moderate": can_moderate,
            "move_form": MoveForm(initial={"category": thread.category.slug}) if can_moderate else None,
        },
    )


def post_link(request, pk):
    post = selectors.post_get(request.user, pk)
    return redirect(f"{post.thread.get_absolute_url()}?page={post.page_number}#post-{post.position}")


@rate_limit_view("post")
def reply(request, pk):
    thread = selectors.thread_get(request.user, pk)
    if not permissions.can_reply(request.user, thread):
        raise PermissionDenied(_("This thread is locked; no new replies can be added."))
    quote = None
    initial = {}
    if request.method == "GET" and request.GET.get("quote"):
        try:
            quote = selectors.post_get(request.user, int(request.GET["quote"]))
        except (ValueError, Http404):
            quote = None
        if quote is not None and quote.thread_id == thread.pk and not quote.is_deleted:
            quoted = "\n".join(f"> {line}" for line in quote.body.splitlines())
            initial = {"body": f"> **{member_name(quote.author_name)}** wrote:\n>\n{quoted}\n\n", "reply_to": quote.pk}
    form = ReplyForm(request.POST or None, initial=initial)
    preview = None
    if request.method == "POST" and form.is_valid():
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
    return render(request, "forum/reply.html", {"thread": thread, "form": form, "preview": preview})


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
