from django.conf import settings
from django.utils.functional import SimpleLazyObject

from accounts import permissions
from core import light_mode, quick_exit


def site(request):
    user = getattr(request, "user", None)
    return {
        "site_name": settings.SITE_NAME,
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "quick_exit_token": SimpleLazyObject(lambda: quick_exit.exit_token(request)),
        "light_mode": SimpleLazyObject(lambda: light_mode.is_on(request)),
        # Named predicates for templates, evaluated only when a template asks.
        "access": SimpleLazyObject(
            lambda: {
                "member": permissions.is_active_member(user),
                "publish": permissions.can_publish_resources(user),
                "moderator": permissions.is_moderator(user),
                "admin": permissions.is_admin(user),
            }
        ),
    }
