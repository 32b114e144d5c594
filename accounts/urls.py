from django.urls import path

from . import rights_views, views

app_name = "accounts"

urlpatterns = [
    path("invite/<str:token>/", views.invitation, name="invitation"),
    path("status/", views.status, name="status"),
    path("profile/", views.profile, name="profile"),
    path("time-zone/", views.time_zone_guess, name="time_zone_guess"),
    path("privacy/", views.privacy_choice, name="privacy_choice"),
    path("export/", rights_views.data_export, name="export"),
    path("export/<str:token>/", rights_views.data_export_download, name="export_download"),
    path("delete/", rights_views.account_delete, name="delete"),
]
