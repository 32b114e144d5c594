"""The interface language switch in the header: chosen there or in the profile, kept in a cookie
for the browser and in the member's profile for every device and for emails."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from . import services


@login_not_required
@require_POST
def language_switch(request):
    """Django's set_language (cookie, safe redirect), which a member's profile also follows."""
    response = set_language(request)
    code = request.POST.get("language", "")
    if request.user.is_authenticated and code in dict(settings.LANGUAGES) and code != request.user.ui_language:
        services.member_update_profile(member=request.user, ui_language=code)
    return response
