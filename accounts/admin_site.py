from functools import wraps

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from . import permissions
from .decorators import second_factor_redirect
from .models import Role


def secure_admin_site_login(login_view):
    """The Django admin is entered only through the product's login (with two-factor), and
    only by an admin who has two-factor turned on."""

    @wraps(login_view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.get_full_path()}")
        if permissions.needs_two_factor(request.user) and request.user.role == Role.ADMIN:
            return second_factor_redirect(request)
        if not permissions.is_admin(request.user):
            raise PermissionDenied
        return login_view(request, *args, **kwargs)

    return wrapper


class HubAdminSite(admin.AdminSite):
    """The Django admin (``django.contrib.admin.site``, through ``HubAdminConfig``): for
    administrators only, entered through the product's login."""

    def has_permission(self, request):
        return permissions.can_use_admin_site(request.user)

    def login(self, request, extra_context=None):
        return secure_admin_site_login(super().login)(request, extra_context)
