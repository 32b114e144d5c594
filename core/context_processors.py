from django.conf import settings
from django.utils.functional import SimpleLazyObject

from core import light_mode, quick_exit


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "quick_exit_token": SimpleLazyObject(lambda: quick_exit.exit_token(request)),
        "light_mode": SimpleLazyObject(lambda: light_mode.is_on(request)),
    }
