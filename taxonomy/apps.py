from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    name = "taxonomy"
    verbose_name = _("Taxonomy")

    def ready(self):
        from . import seed_names

        for model in ("country", "language", "theme", "resourcetype", "audience"):
            seed_names.register(f"taxonomy.{model}", seed_names.NAME)
        # Sent once per app after the whole migration plan ran; taxonomy's turn is enough.
        post_migrate.connect(seed_names.load_names_after_migrate, sender=self, dispatch_uid="taxonomy-load-names")
