from django.urls import path

from core.views import section_placeholder

app_name = "resources"

urlpatterns = [
    path("", section_placeholder, {"section": "resources"}, name="list"),
]
