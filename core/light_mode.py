"""Light mode for slow or metered connections: no images or previews until asked, and no
optional scripts, so pages are plain HTML forms. A member turns it on in the profile (every
device) or for this browser session alone from the page footer."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

SESSION_KEY = "light_mode"


def is_on(request) -> bool:
    """The session's own choice, else the member's profile setting."""
    chosen = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if chosen is not None:
        return bool(chosen)
    user = getattr(request, "user", None)
    return bool(getattr(user, "light_mode", False)) if user is not None and user.is_authenticated else False


@login_not_required
@require_POST
def toggle(request):
    request.session[SESSION_KEY] = request.POST.get("light") == "on"
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    return redirect(target)
