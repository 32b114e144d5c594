from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class HubAdminConfig(admin_apps.AdminConfig):
    """Installed in place of ``django.contrib.admin`` so that ``admin.site`` is ours."""

    default = False
    default_site = "accounts.admin_site.HubAdminSite"


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and membership")

    def ready(self):
        from allauth.usersessions.models import UserSession
        from django.db.models.signals import pre_save

        from .privacy import coarsen_user_session_ip

        pre_save.connect(coarsen_user_session_ip, sender=UserSession, dispatch_uid="coarsen-user-session-ip")

        from allauth.account.signals import password_changed, password_reset, password_set
        from django.contrib.sessions.models import Session
        from django.db.models.signals import post_delete

        from . import sessions

        post_delete.connect(sessions.session_deleted, sender=Session, dispatch_uid="session-deleted-closes-sockets")
        for signal in (password_changed, password_set, password_reset):
            signal.connect(sessions.password_changed, dispatch_uid="password-changed-ends-other-sessions")

        from django.db.models.signals import post_save

        from taxonomy.models import Country, Language, Theme

        from .selectors import directory_choices_changed

        for model in (Country, Language, Theme):
            for signal in (post_save, post_delete):
                signal.connect(
                    directory_choices_changed, sender=model, dispatch_uid=f"directory-choices-{model.__name__}"
                )

        # allauth's code form names its only field after itself ("Recipient", never translated);
        # members only receive codes by email, so it is labelled as such.
        from allauth.account.forms import RequestReauthenticationCodeForm

        RequestReauthenticationCodeForm.base_fields["recipient"].label = _("Email")

        from . import export_delivery, rights

        rights.register_erasure("data_archives", export_delivery.data_archives_erase, order=90)
