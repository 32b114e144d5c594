from django.contrib import admin

from .models import AuditEntry, Report


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only, also for admins."""

    list_display = ["created_at", "actor_name", "action", "target_repr", "reason"]
    list_filter = ["action"]
    search_fields = ["actor_name", "target_repr", "reason"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "reason", "state", "target_url"]
    list_filter = ["state", "reason"]
    readonly_fields = ["reporter", "content_type", "object_id", "target_author", "snapshot", "target_url"]
