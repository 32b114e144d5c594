from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Invitation, User
from .names import display_name_clean


class UserAdminForm(forms.ModelForm):
    def clean_display_name(self):
        return display_name_clean(self.cleaned_data["display_name"], user=self.instance)


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    """Role and status changes go through the moderation pages (audited); the admin shows
    them read-only."""

    form = UserAdminForm
    list_display = ["display_name", "email", "role", "status", "country", "date_joined"]
    list_filter = ["role", "status", "country"]
    search_fields = ["display_name", "email", "organisation"]
    readonly_fields = ["role", "status", "status_reason", "password", "last_login", "date_joined", "approved_at"]
    exclude = ["session_generation"]
    filter_horizontal = ["languages", "expertise"]
    actions = ["reset_second_factor"]

    @admin.action(description=_("Reset two-factor login (lost device)"))
    def reset_second_factor(self, request, queryset):
        done = 0
        for member in queryset:
            try:
                services.member_second_factor_reset(
                    actor=request.user, member=member, reason=gettext("Reset from the admin site: lost device.")
                )
            except (PermissionDenied, ValidationError):
                self.message_user(request, gettext("%(name)s was left unchanged.") % {"name": member}, messages.WARNING)
            else:
                done += 1
        if done:
            message = ngettext(
                "Two-factor login reset for %(count)d account.", "Two-factor login reset for %(count)d accounts.", done
            )
            self.message_user(request, message % {"count": done})


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "role", "invited_by", "created_at", "expires_at", "accepted_at", "revoked_at"]
    readonly_fields = ["email", "role", "invited_by", "expires_at", "accepted_at", "accepted_by", "revoked_at"]
    exclude = ["token_hash"]

    def has_add_permission(self, request):
        return False
