from django.utils.functional import SimpleLazyObject

from . import permissions


def access(request):
    """Named predicates for templates (the header's links), evaluated only when a template asks."""
    user = getattr(request, "user", None)
    return {
        "access": SimpleLazyObject(
            lambda: {
                "member": permissions.is_active_member(user),
                "publish": permissions.can_publish_resources(user),
                "moderator": permissions.is_moderator(user),
                "admin": permissions.is_admin(user),
            }
        ),
    }
