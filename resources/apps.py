from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = _("Resource library")

    def ready(self):
        from .moderated import register_moderated_kinds
        from .rights import register_rights
        from .searchable import register_search

        register_moderated_kinds()
        register_rights()
        register_search()
        from .translatable import register_translatable

        register_translatable()
        from .dashboard import register_dashboard

        register_dashboard()
        self._connect_facet_invalidation()
        self._connect_partial_upload_cleanup()
        from moderation import queue

        from .selectors import count_in_review

        queue.register(
            queue.QueueSection(
                key="resources",
                label=_("Resources waiting for review"),
                url_name="resources:review",
                count=count_in_review,
                order=30,
            )
        )

    @staticmethod
    def _connect_partial_upload_cleanup():
        from django.db.models.signals import post_delete

        from .models import PartialUpload
        from .partial_uploads import stored_file_remove

        def removed(instance, **kwargs):
            stored_file_remove(instance)

        post_delete.connect(removed, sender=PartialUpload, weak=False, dispatch_uid="partial-upload-file")

    @staticmethod
    def _connect_facet_invalidation():
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from taxonomy.models import Audience, Country, Language, ResourceType, Theme

        from .filters import TERM_FACETS, facets_changed
        from .models import Resource

        def changed(**kwargs):
            facets_changed()

        for sender in (Resource, Audience, Country, Language, ResourceType, Theme):
            post_save.connect(changed, sender=sender, weak=False, dispatch_uid=f"facets-save-{sender.__name__}")
            post_delete.connect(changed, sender=sender, weak=False, dispatch_uid=f"facets-delete-{sender.__name__}")
        for field in TERM_FACETS.values():
            through = Resource._meta.get_field(field).remote_field.through
            m2m_changed.connect(changed, sender=through, weak=False, dispatch_uid=f"facets-m2m-{field}")
