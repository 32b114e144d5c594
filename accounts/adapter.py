from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import selectors, services
from .models import Status

INVITATION_SESSION_KEY = "accounts.invitation_token"


class MembershipAccountAdapter(DefaultAccountAdapter):
    """Signup is a membership application, or the acceptance of an invitation."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Too many failed login attempts from here. Wait a few minutes, or log in with a code sent to "
            "your email address."
        ),
    }

    def _get_login_attempts_cache_key(self, request, **credentials):
        # Failed attempts count per account and address together: someone hammering the form
        # from elsewhere cannot lock the owner out, and the owner can always ask for a login
        # code by email (ACCOUNT_LOGIN_BY_CODE_ENABLED). The per-address limit still holds.
        key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{key}:{self.get_client_ip(request)}"

    def is_open_for_signup(self, request):
        return True

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        services.login_recorded(user=user, user_agent=request.META.get("HTTP_USER_AGENT", "")[:500])
        if selectors.privacy_choice_due(user) and isinstance(response, HttpResponseRedirect):
            # First login as a member: ask what others may see, then go where the login was going.
            query = urlencode({"next": response.url})
            response = HttpResponseRedirect(f"{reverse('accounts:privacy_choice')}?{query}")
        return response

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        data = form.cleaned_data
        services.application_fill(
            user=user,
            display_name=data["display_name"],
            organisation=data["organisation"],
            country=data["country"],
            role_in_organisation=data["role_in_organisation"],
            motivation=data.get("motivation", ""),
        )
        user.ui_language = getattr(request, "LANGUAGE_CODE", "") or ""
        user.save()
        token = request.session.get(INVITATION_SESSION_KEY)
        if token:
            try:
                invitation = services.invitation_check(token)
            except ValidationError:
                invitation = None
            if invitation and invitation.email.lower() == user.email.lower():
                services.invitation_accept(invitation=invitation, user=user)
            request.session.pop(INVITATION_SESSION_KEY, None)
        if user.status == Status.PENDING:
            services.application_submitted(applicant=user)
        return user


class MembershipMFAAdapter(DefaultMFAAdapter):
    """Moderators and admins keep a second factor: their powers depend on it."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": _(
            "Moderators and administrators keep their two-factor login. If you lost your device, an "
            "administrator can reset it for you."
        ),
    }

    def can_delete_authenticator(self, authenticator) -> bool:
        from allauth.mfa.models import Authenticator

        from .models import Role
        from .permissions import holds_role

        factors = [Authenticator.Type.TOTP, "webauthn"]
        if authenticator.type not in factors or not holds_role(authenticator.user, Role.MODERATOR):
            return True
        others = Authenticator.objects.filter(user_id=authenticator.user_id, type__in=factors)
        return others.exclude(pk=authenticator.pk).exists()
