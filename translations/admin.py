from django.contrib import admin

from .models import GlossaryTerm, Translation, TranslationRequest


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ["term", "language", "translation"]
    list_filter = ["language"]
    search_fields = ["term", "translation"]


@admin.register(Translation)
class TranslationAdmin(admin.ModelAdmin):
    list_display = ["kind", "object_id", "language", "translator_name", "status", "is_hidden", "updated_at"]
    list_filter = ["kind", "language", "status", "is_hidden"]
    readonly_fields = ["fields_html"]
    raw_id_fields = ["translator"]


@admin.register(TranslationRequest)
class TranslationRequestAdmin(admin.ModelAdmin):
    list_display = ["kind", "object_id", "language", "created_at", "fulfilled_at"]
    list_filter = ["kind", "language"]
    raw_id_fields = ["requester"]
