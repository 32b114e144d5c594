from django.conf import settings
from django.core.checks import Error, register

from .machine import address_problem


@register()
def translation_url_check(app_configs, **kwargs):
    """Refuse to start with a machine-translation server outside the alliance's networks."""
    url = (getattr(settings, "TRANSLATION_URL", "") or "").strip()
    if not url:
        return []
    problem = address_problem(url)
    return [Error(problem, id="translations.E001")] if problem else []
