from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "translations"
    verbose_name = _("Translations")

    def ready(self):
        from notifications.registry import register_visibility

        from . import checks  # noqa: F401 - registers the TRANSLATION_URL check
        from .models import Translation
        from .moderated import register_moderated_kinds
        from .rights import register_rights
        from .selectors import visible_translation_ids

        register_moderated_kinds()
        register_rights()
        register_visibility(Translation, visible_translation_ids)
        from .dashboard import register_dashboard

        register_dashboard()
