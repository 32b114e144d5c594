from dataclasses import dataclass

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core import fragments, ratelimit
from core.language import remember_language
from core.pagination import keyset_page

from . import selectors, services
from .adapter import INVITATION_SESSION_KEY
from .filters import MemberDirectoryFilter
from .forms import PrivacyChoiceForm, ProfileForm


@login_not_required
def invitation(request, token):
    """An invitation link: remember the invitation and continue to signup with the
    invited email address already verified (the link itself proves it)."""
    try:
        invitation = services.invitation_check(token)
    except ValidationError as error:
        return render(request, "accounts/invitation_invalid.html", {"error": error.messages[0]}, status=410)
    if request.user.is_authenticated:
        messages.info(request, _("You are already logged in. Log out first to accept an invitation."))
        return redirect("dashboard")
    request.session[INVITATION_SESSION_KEY] = token
    get_adapter().stash_verified_email(request, invitation.email)
    return redirect("account_signup")


def status(request):
    """The only page a pending, suspended or rejected account can see."""
    if request.user.is_active_member:
        return redirect("dashboard")
    return render(request, "accounts/status.html")


@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        services.member_update_profile(member=request.user, **data)
        messages.success(request, _("Your profile has been saved."))
        return remember_language(redirect("accounts:profile"), request.user.ui_language)
    return render(request, "accounts/profile.html", {"form": form})


# Set on the first guess of a session, so a refused guess is not sent again with every page.
TIME_ZONE_GUESSED = "time_zone_guessed"


@require_POST
def time_zone_guess(request):
    """The zone the browser reports, stored once for a member who never chose one (see
    static/js/time-zone-guess.js); a choice is never overwritten."""
    request.session[TIME_ZONE_GUESSED] = True
    try:
        stored = services.member_guess_time_zone(member=request.user, name=request.POST.get("time_zone", "")[:100])
    except PermissionDenied as error:
        return JsonResponse({"error": str(error)}, status=403)
    except ValidationError as error:
        return JsonResponse({"error": error.messages[0]}, status=400)
    return JsonResponse({"stored": stored})


def _safe_next(request, fallback: str = "dashboard"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


@require_http_methods(["GET", "POST"])
def privacy_choice(request):
    """Asked once, at the first login after approval: what other members see. Skipping keeps
    everything hidden and counts as the answer."""
    if not selectors.privacy_choice_due(request.user):
        return redirect(_safe_next(request))
    form = PrivacyChoiceForm(request.POST or None)
    if request.method == "POST" and "skip" in request.POST:
        services.member_privacy_choose(
            member=request.user, show_organisation=False, show_country=False, show_presence=False
        )
        return redirect(_safe_next(request))
    if request.method == "POST" and form.is_valid():
        services.member_privacy_choose(member=request.user, **form.cleaned_data)
        messages.success(
            request, _("Your choice has been saved. You can change it at any time under Profile and privacy.")
        )
        return redirect(_safe_next(request))
    return render(request, "accounts/privacy_choice.html", {"form": form, "next": _safe_next(request, "")})


def directory(request):
    queryset = selectors.member_directory(request.user)
    filterset = MemberDirectoryFilter(request.GET or None, queryset=queryset)
    page = keyset_page(
        filterset.qs if filterset.is_bound and filterset.is_valid() else queryset,
        ordering=("display_name", "id"),
        cursor=request.GET.get("after"),
        size=48,
    )
    return render(
        request,
        "accounts/directory.html",
        {"filter": filterset, "page": page, "cards": _cards(page.items), "selects": _selects(filterset.form)},
    )


def _selects(form) -> list[dict]:
    """The term filters with their choices from the cache (no query for the lists of terms)."""
    choices = selectors.directory_filter_choices()
    selects = []
    for name, _model in selectors.DIRECTORY_TERM_FILTERS:
        chosen = form[name].value()
        chosen = int(chosen) if isinstance(chosen, str) and chosen.isdigit() else None
        selects.append(
            {
                "name": name,
                "label": form[name].label,
                "empty": form.fields[name].empty_label,
                "choices": choices[name],
                "chosen": chosen,
            }
        )
    return selects


@dataclass
class _Card:
    member: object
    head: str
    tail: str


MESSAGE_BUTTON = "<!--message-button-->"


def _cards(members) -> list[_Card]:
    """Each member's card, rendered once and shared by every viewer (core.fragments), split
    where the viewer's own message button goes. The key holds everything a card shows."""
    rendered = fragments.rows_rendered(
        "accounts/_member_card.html",
        members,
        name="member",
        key=lambda m: (
            m.pk,
            m.display_name,
            m.role,
            m.show_organisation and m.organisation,
            m.show_country and m.country_id and str(m.country),
            [str(theme) for theme in m.expertise.all()],
        ),
    )
    cards = []
    for member, html in zip(members, rendered, strict=True):
        head, _marker, tail = html.partition(MESSAGE_BUTTON)
        cards.append(_Card(member, mark_safe(head), mark_safe(tail)))  # noqa: S308 - parts of a rendered template
    return cards


def member_detail(request, pk):
    member = selectors.member_get_visible(request.user, pk)
    return render(request, "accounts/member_detail.html", {"member": member})


def autocomplete(request):
    """The member picker: id, current display name and initial of active members whose name
    contains what was typed. Nothing else about them, and a budget per member."""
    _key, wait = ratelimit.reserve("member_picker", request.user.pk)
    if wait:
        response = JsonResponse(
            {"results": [], "error": ratelimit.RateLimited(retry_after=wait).messages[0]}, status=429
        )
        response["Retry-After"] = str(wait)
        return response
    members = selectors.member_picker(request.user, request.GET.get("q", "")[:80])
    return JsonResponse(
        {"results": [{"id": m.pk, "name": m.display_name, "initial": m.display_name[:1].upper()} for m in members]}
    )
