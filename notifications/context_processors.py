from django.utils.functional import SimpleLazyObject

from accounts.permissions import is_active_member

from .selectors import unread_count


def notifications(request):
    user = getattr(request, "user", None)
    # Counted only if the page shows the bell (one indexed query).
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user) if is_active_member(user) else 0)}
