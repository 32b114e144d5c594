from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = _("Resource library")

    def ready(self):
        from moderation import queue

        from .selectors import count_in_review

        queue.register(
            queue.QueueSection(
                key="resources",
                label=_("Resources waiting for review"),
                url_name="resources:review",
                count=lambda user: count_in_review(),
                order=30,
            )
        )
