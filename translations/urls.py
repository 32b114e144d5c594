from django.urls import path

from . import views

app_name = "translations"

urlpatterns = [
    path("requests/", views.requests_list, name="requests"),
    path("glossary/", views.glossary, name="glossary"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<str:kind>/<int:object_id>/translate/", views.translate, name="translate"),
    path("<str:kind>/<int:object_id>/request/", views.request_translation, name="request"),
    path("<str:kind>/<int:object_id>/request/withdraw/", views.request_withdraw, name="request_withdraw"),
]
