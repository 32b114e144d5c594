from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("invite/<str:token>/", views.invitation, name="invitation"),
    path("status/", views.status, name="status"),
    path("profile/", views.profile, name="profile"),
]
