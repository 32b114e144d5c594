from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = _("Forum")

    def ready(self):
        from moderation import queue
        from notifications.registry import register_visibility

        from .activity import visible_post_ids
        from .models import Post
        from .selectors import reported_posts_open

        register_visibility(Post, visible_post_ids)

        queue.register(
            queue.QueueSection(
                key="forum_reports",
                label=_("Reported forum posts"),
                url_name="moderation:reports",
                count=lambda user: reported_posts_open().count(),
                order=30,
            )
        )
