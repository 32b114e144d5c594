from django.urls import path

from . import attachment_views, views

app_name = "chat"

# Fixed paths come before "<room>/" so that they never read as a room address.
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.room_create, name="room_create"),
    path("direct/", views.direct_start, name="direct_start"),
    path("attachments/<int:pk>/", attachment_views.attachment_file, name="attachment"),
    path("attachments/<int:pk>/thumb/", attachment_views.attachment_thumb, name="attachment_thumb"),
    path("m/<int:pk>/", views.message_detail, name="message"),
    path("m/<int:pk>/review/", views.message_review, name="message_review"),
    path("m/<int:pk>/edit/", views.message_edit, name="message_edit"),
    path("m/<int:pk>/delete/", views.message_delete, name="message_delete"),
    path("m/<int:pk>/react/", views.message_react, name="message_react"),
    path("m/<int:pk>/report/", views.message_report, name="message_report"),
    path("<str:room>/", views.room, name="room"),
    path("<str:room>/send/", views.send, name="send"),
    path("<str:room>/attachments/", attachment_views.upload, name="attachment_upload"),
    path("<str:room>/members/", views.members, name="members"),
    path("<str:room>/members/<int:user_id>/remove/", views.member_remove, name="member_remove"),
    path("<str:room>/convert/", views.convert, name="convert"),
    path("<str:room>/mute/", views.mute, name="mute"),
]
