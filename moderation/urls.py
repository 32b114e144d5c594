from django.urls import path, re_path

from . import views

app_name = "moderation"

urlpatterns = [
    path("", views.home, name="home"),
    path("applications/", views.applications, name="applications"),
    re_path(
        r"^applications/(?P<pk>[0-9]+)/(?P<decision>approve|reject)/$",
        views.application_decide,
        name="application_decide",
    ),
    path("invitations/", views.invitations, name="invitations"),
    path("invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("members/", views.members, name="members"),
    path("members/<int:pk>/", views.member, name="member"),
    re_path(
        r"^members/(?P<pk>[0-9]+)/(?P<action>role|suspend|reactivate|end-sessions)/$",
        views.member_action,
        name="member_action",
    ),
    path("reports/", views.reports, name="reports"),
    path("reports/<int:pk>/resolve/", views.report_resolve, name="report_resolve"),
    path("audit/", views.audit_log, name="audit"),
]
