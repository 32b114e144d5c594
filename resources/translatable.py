"""Resources members can translate (registered in ``ResourcesConfig.ready``): the title,
summary and description. Translations follow the resource's visibility. A translated file
is a separate resource linked through ``Resource.translations`` (``translation_upload``); a
new file version of the original marks it outdated."""

from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from search import services as search
from translations import registry
from translations import services as translations

from .models import FileVersion, Resource

KIND = "resources.resource"


def _fields(resource: Resource) -> list[registry.SourceField]:
    return [
        registry.SourceField("title", _("Title"), resource.title, max_length=200),
        registry.SourceField("summary", _("Summary"), resource.summary, multiline=True, max_length=600),
        registry.SourceField(
            "description", _("Description"), resource.description, multiline=True, markdown=True, max_length=20000
        ),
    ]


def _source_language(resource: Resource) -> str:
    cached = getattr(resource, "_source_language", None)
    if cached is None:
        cached = resource.languages.order_by("position", "slug").values_list("slug", flat=True).first() or ""
        resource._source_language = cached
    return cached


def _can_view(user, resource: Resource) -> bool:
    return Resource.objects.visible_to(user).filter(pk=resource.pk).exists()


def _original_saved(sender, instance, created, update_fields=None, **kwargs):
    if created:
        return
    if update_fields is None or {"title", "summary", "description"} & set(update_fields):
        translations.original_changed(kind_key=KIND, obj=instance)


def _file_version_saved(sender, instance, created, **kwargs):
    # A new file or version outdates the translated files made from the earlier ones.
    if created:
        from .translation_upload import file_version_added

        file_version_added(instance)


def _resource_deleted(sender, instance, **kwargs):
    translations.separate_translations_forget(kind_key=KIND, object_id=instance.pk)


def register_translatable() -> None:
    registry.register(
        registry.TranslatableKind(
            key=KIND,
            label=_("resource"),
            fields=_fields,
            get=lambda pk: Resource.objects.filter(pk=pk).first(),
            can_view=_can_view,
            visible_ids=lambda user, ids: (
                Resource.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True)
            ),
            source_language=_source_language,
            url=lambda resource: resource.get_absolute_url(),
            title=lambda resource: resource.title,
            scope_ids=lambda country_ids: Resource.objects.filter(countries__in=country_ids).values("pk"),
            countries_of=lambda resource: set(resource.countries.values_list("pk", flat=True)),
            content_warning=lambda resource: resource.content_warning,
            search_kind=search.Kind.RESOURCE,
            reindex=lambda resource: search.index_resource(resource),
        )
    )
    post_save.connect(_original_saved, sender=Resource, weak=False, dispatch_uid="translations-outdate-resource")
    post_save.connect(_file_version_saved, sender=FileVersion, weak=False, dispatch_uid="translations-outdate-files")
    post_delete.connect(_resource_deleted, sender=Resource, weak=False, dispatch_uid="translations-forget-resource")

    # The library's "Translated into" counts are cached with the other facets.
    from translations.models import Translation

    from .filters import facets_changed

    def _translations_changed(sender, instance, **kwargs):
        if instance.kind == KIND:
            facets_changed()

    post_save.connect(_translations_changed, sender=Translation, weak=False, dispatch_uid="facets-translation-save")
    post_delete.connect(_translations_changed, sender=Translation, weak=False, dispatch_uid="facets-translation-delete")
