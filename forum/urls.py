from django.urls import path

from core.views import section_placeholder

app_name = "forum"

urlpatterns = [
    path("", section_placeholder, {"section": "forum"}, name="index"),
]
