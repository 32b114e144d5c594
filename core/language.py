"""The interface language's cookie: the header switcher and the profile keep the browser's
language in step with the member's choice (the switch itself is accounts/language.py)."""

from django.conf import settings


def remember_language(response, code: str):
    """Make the browser use ``code`` from now on, or follow its own preference when empty."""
    if code:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        )
    else:
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
    return response
