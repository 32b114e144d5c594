from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatConfig(AppConfig):
    name = "chat"
    verbose_name = _("Chat")

    def ready(self):
        from .moderated import register_moderated_kinds
        from .rights import register_rights
        from .searchable import register_search

        register_moderated_kinds()
        register_rights()
        register_search()
        from taxonomy import seed_names

        # Rooms members create keep the name they were given.
        seed_names.register("chat.room", seed_names.NAME_AND_DESCRIPTION, kind__in=["open", "country"])
        from .dashboard import register_dashboard

        register_dashboard()
        from moderation import queue
        from notifications.registry import register_visibility

        from .activity import visible_message_ids
        from .models import Message
        from .selectors import reported_messages_open

        register_visibility(Message, visible_message_ids)
        queue.register(
            queue.QueueSection(
                key="chat_reports",
                label=_("Reported chat messages"),
                url_name="moderation:reports",
                count=lambda user: reported_messages_open(user).count(),
                order=35,
            )
        )
