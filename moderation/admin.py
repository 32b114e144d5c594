from django.contrib import admin

from .models import AuditEntry, InboxAssignment, InboxNote, Report


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


@admin.register(InboxAssignment)
class InboxAssignmentAdmin(admin.ModelAdmin):
    """Assignments change through the inbox, where they are audited; here they are read only."""

    list_display = ["assigned_at", "content_type", "object_id", "assignee"]
    list_filter = ["content_type"]
    list_select_related = ["content_type", "assignee"]
    readonly_fields = ["content_type", "object_id", "assignee", "assigned_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(InboxNote)
class InboxNoteAdmin(admin.ModelAdmin):
    """Internal notes are part of the moderation record: readable, never rewritten."""

    list_display = ["created_at", "author_name", "content_type", "object_id", "body"]
    list_filter = ["content_type"]
    search_fields = ["author_name", "body"]
    list_select_related = ["content_type"]
    readonly_fields = ["content_type", "object_id", "author", "author_name", "body", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
