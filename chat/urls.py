from django.urls import path

from core.views import section_placeholder

app_name = "chat"

urlpatterns = [
    path("", section_placeholder, {"section": "chat"}, name="index"),
]
