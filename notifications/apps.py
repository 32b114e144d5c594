from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from .rights import register_rights

        register_rights()
        from .dashboard import register_dashboard

        register_dashboard()
