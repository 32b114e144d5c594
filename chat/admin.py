from django.contrib import admin

from .models import Message, Room, RoomMember


class RoomMemberInline(admin.TabularInline):
    model = RoomMember
    extra = 0
    raw_id_fields = ["user"]
    fields = ["user", "role", "is_participant", "muted_until", "last_read_seq"]
    readonly_fields = ["last_read_seq"]


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "retention_days", "last_seq"]
    list_filter = ["kind"]
    search_fields = ["name", "name_ru", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["owner"]
    inlines = [RoomMemberInline]

    def get_queryset(self, request):
        # Direct conversations are private between their members, also from administrators.
        return super().get_queryset(request).exclude(kind=Room.Kind.DIRECT)


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["room", "seq", "sender_name", "created_at", "deleted_at"]
    list_select_related = ["room"]
    raw_id_fields = ["sender", "reply_to"]
    readonly_fields = ["room", "seq", "sender", "sender_name", "client_id", "body_html", "mentions"]

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(room__kind=Room.Kind.DIRECT)

    def has_add_permission(self, request):
        return False
