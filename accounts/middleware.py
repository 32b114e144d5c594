from allauth.usersessions.internal import usersessionkit
from django.core.cache import cache
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation

from . import permissions, time_zones

# Paths that people whose membership is not active may still reach.
OPEN_PREFIXES = (
    "/accounts/status/",
    "/accounts/logout/",
    "/accounts/confirm-email/",
    "/accounts/password/reset/",
    "/notifications/unsubscribe/",
    "/accounts/login/",
    "/safety/",
    "/exit/",
    "/offline/",
    "/manifest.webmanifest",
    "/sw.js",
    "/healthz",
    "/i18n/",
    "/light-mode/",
    "/jsi18n/",
    "/static/",
)


class MembershipGateMiddleware:
    """The one place where membership status is enforced for pages: a logged-in person
    who is not an active member (applicant, suspended, rejected) sees only the status page.
    Anonymous visitors are handled by Django's LoginRequiredMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            # The profile's language follows the member to every device; the switcher and the
            # profile page keep it and the cookie in step (core.language).
            if user.ui_language and user.ui_language != request.LANGUAGE_CODE:
                translation.activate(user.ui_language)
                request.LANGUAGE_CODE = user.ui_language
            if not user.is_active_member and not request.path.startswith(OPEN_PREFIXES):
                return redirect(reverse("accounts:status"))
        return self.get_response(request)


class SecondFactorMiddleware:
    """Marks request.user with whether this session completed the second factor, which
    accounts.permissions.has_staff_powers reads: staff are members until they have."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            permissions.mark_second_factor(user, request.session)
        return self.get_response(request)


class ThrottledUserSessionsMiddleware:
    """allauth's session list, updated at most every few minutes per session instead of on
    every request (which costs four queries and a write each time)."""

    INTERVAL_SECONDS = 300

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and session.session_key and user is not None and user.is_authenticated:
            key = f"usersession-seen:{session.session_key}"
            if cache.add(key, 1, self.INTERVAL_SECONDS):
                usersessionkit.track_activity(request, user=user, session=session)
        return self.get_response(request)


class TimeZoneMiddleware:
    """Dates on every page in the member's own zone (accounts.time_zones): templates, forms and
    the date filter all read the active zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            timezone.activate(time_zones.zone_of(user))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
