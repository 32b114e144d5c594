from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<int:pk>/", views.member_detail, name="detail"),
    path("autocomplete/", views.autocomplete, name="autocomplete"),
]
