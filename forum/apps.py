from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = _("Forum")

    def ready(self):
        from .moderated import register_moderated_kinds
        from .rights import register_rights
        from .searchable import register_search

        register_moderated_kinds()
        register_rights()
        register_search()
        from .translatable import register_translatable

        register_translatable()
        from taxonomy import seed_names

        seed_names.register("forum.category", seed_names.NAME_AND_DESCRIPTION)
        from .dashboard import register_dashboard

        register_dashboard()
        from .backlinks import register as register_backlinks

        register_backlinks()
        from moderation import queue
        from notifications.registry import register_visibility

        from .activity import visible_post_ids
        from .models import Post
        from .selectors import reported_posts_open

        register_visibility(Post, visible_post_ids)

        from django.db.models.signals import post_delete, post_save

        from .models import Thread
        from .selectors import category_stats_changed

        def _stats_changed(**kwargs):
            category_stats_changed()

        # Thread rows change counts and latest activity; replies update the thread in bulk,
        # so forum.activity.post_published bumps the figures as well.
        post_save.connect(_stats_changed, sender=Thread, dispatch_uid="forum-category-stats-save", weak=False)
        post_delete.connect(_stats_changed, sender=Thread, dispatch_uid="forum-category-stats-delete", weak=False)

        queue.register(
            queue.QueueSection(
                key="forum_reports",
                label=_("Reported forum posts"),
                url_name="moderation:reports",
                count=lambda user: reported_posts_open(user).count(),
                order=30,
            )
        )
