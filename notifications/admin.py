from django.contrib import admin

from .models import Notification, Preference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind"]
    raw_id_fields = ["recipient", "actor"]


admin.site.register(Preference)
