from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = _("Moderation")

    def ready(self):
        from . import queue
        from .rights import register_rights

        register_rights()
        from .dashboard import register_dashboard

        register_dashboard()
        from django.db.models.signals import post_save

        from .feedback import audit_entry_saved
        from .models import AuditEntry

        post_save.connect(audit_entry_saved, sender=AuditEntry, dispatch_uid="moderation.author_feedback")
        from .selectors import applications_for, reports_for

        queue.register(
            queue.QueueSection(
                key="applications",
                label=_("Membership applications"),
                url_name="moderation:applications",
                count=lambda user: applications_for(user).count(),
                order=10,
            )
        )
        queue.register(
            queue.QueueSection(
                key="reports",
                label=_("Reported content"),
                url_name="moderation:reports",
                count=lambda user: reports_for(user).count(),
                order=20,
            )
        )
