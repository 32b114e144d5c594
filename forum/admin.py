from django.contrib import admin

from .models import Category, Post, Tag, Thread


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_ru", "slug", "access", "country", "position"]
    list_filter = ["access"]
    search_fields = ["name_en", "name_ru", "slug"]
    filter_horizontal = ["allowed_countries"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["slug", "name"]
    search_fields = ["slug", "name"]


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    # Moderation happens on the forum pages, where it is audited; the admin only reads.
    list_display = ["title", "category", "author_name", "post_count", "is_pinned", "is_locked", "is_hidden"]
    list_filter = ["category", "is_pinned", "is_locked", "is_hidden"]
    search_fields = ["title"]
    list_select_related = ["category"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["thread", "position", "author_name", "created_at", "is_hidden", "is_deleted"]
    list_filter = ["is_hidden", "is_deleted"]
    list_select_related = ["thread"]
    raw_id_fields = ["thread", "author", "reply_to"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
