from django.contrib import admin

from .models import Audience, Country, Language, ResourceType, Theme


@admin.register(Country, Language, ResourceType, Audience)
class TermAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_en", "name_ru", "position", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["slug", "name_en", "name_ru"]


@admin.register(Theme)
class ThemeAdmin(TermAdmin):
    list_display = ["slug", "group", "name_en", "name_ru", "position", "is_active"]
    list_filter = ["group"]
