from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and membership")

    def ready(self):
        from allauth.usersessions.models import UserSession
        from django.db.models.signals import pre_save

        from .privacy import coarsen_user_session_ip

        pre_save.connect(coarsen_user_session_ip, sender=UserSession, dispatch_uid="coarsen-user-session-ip")
