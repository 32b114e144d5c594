from django.contrib import admin

from .models import Collection, CollectionItem, FileVersion, PartialUpload, Resource, ResourceFile


class ResourceFileInline(admin.TabularInline):
    model = ResourceFile
    extra = 0
    fields = ["label", "position"]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "state", "uploader_name", "published_at", "download_count"]
    list_filter = ["state", "licence"]
    search_fields = ["title", "summary"]
    raw_id_fields = ["uploader", "reviewed_by", "translations"]
    inlines = [ResourceFileInline]


@admin.register(FileVersion)
class FileVersionAdmin(admin.ModelAdmin):
    list_display = ["original_name", "number", "kind", "size", "download_count", "created_at"]
    readonly_fields = ["sha256", "content", "size", "kind", "content_type", "metadata_stripped", "metadata_removed"]
    raw_id_fields = ["file", "uploaded_by"]


@admin.register(PartialUpload)
class PartialUploadAdmin(admin.ModelAdmin):
    """Unfinished uploads, to see what waits on disk; `manage.py upload_cleanup` removes them."""

    list_display = ["name", "owner", "received", "size", "updated_at"]
    readonly_fields = ["owner", "name", "size", "received", "created_at", "updated_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CollectionItemInline(admin.TabularInline):
    model = CollectionItem
    extra = 0
    fields = ["resource", "position"]
    raw_id_fields = ["resource"]


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    """Also where the title and introduction get their translations (``translations``)."""

    list_display = ["title", "created_by_name", "updated_at"]
    search_fields = ["title"]
    raw_id_fields = ["created_by"]
    readonly_fields = ["created_by_name"]
    inlines = [CollectionItemInline]

    def save_model(self, request, obj, form, change):
        from .collections import render_texts

        if not obj.pk:
            obj.created_by = obj.created_by or request.user
            obj.created_by_name = str(obj.created_by)[:80]
        render_texts(obj)
        super().save_model(request, obj, form, change)
