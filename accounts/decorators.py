from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from . import permissions


def moderator_required(view):
    """Moderator pages: the role is required, and so is the second factor in this session."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if permissions.needs_two_factor(request.user):
            return second_factor_redirect(request)
        if not permissions.is_moderator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def second_factor_redirect(request):
    """Staff without the second factor in this session: set it up, or use it now."""
    if not permissions.has_two_factor(request.user):
        messages.info(request, _("Please turn on two-factor login before using moderation tools."))
        return redirect("mfa_activate_totp")
    messages.info(request, _("Please confirm with your two-factor code before using moderation tools."))
    return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': request.get_full_path()})}")
