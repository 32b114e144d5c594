from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts import permissions


def moderator_required(view):
    """Moderator pages: the role is required, and so is two-factor login."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not permissions.is_moderator(request.user):
            raise PermissionDenied
        if permissions.needs_two_factor(request.user):
            messages.info(request, _("Please turn on two-factor login before using moderation tools."))
            return redirect("mfa_activate_totp")
        return view(request, *args, **kwargs)

    return wrapper
