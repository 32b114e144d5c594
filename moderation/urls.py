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
    re_path(
        r"^inbox/(?P<kind>application|report|resource)/(?P<pk>[0-9]+)/"
        r"(?P<action>dismiss|hide|delete|warn|suspend|approve|reject)/$",
        views.inbox_action,
        name="inbox_action",
    ),
    re_path(
        r"^inbox/(?P<kind>application|report|resource)/(?P<pk>[0-9]+)/assignment/$",
        views.inbox_assign,
        name="inbox_assign",
    ),
    re_path(
        r"^inbox/(?P<kind>application|report|resource)/(?P<pk>[0-9]+)/notes/$",
        views.inbox_note,
        name="inbox_note",
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
    path("members/<int:pk>/countries/", views.member_countries, name="member_countries"),
    path("reports/", views.reports, name="reports"),
    path("reports/<int:pk>/resolve/", views.report_resolve, name="report_resolve"),
    path("audit/", views.audit_log, name="audit"),
    path("audit/export.csv", views.audit_export, name="audit_export"),
]
