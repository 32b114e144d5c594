from django.urls import path, re_path

from . import attachment_views, views

app_name = "forum"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.thread_create, name="thread_create"),
    path("preview/", views.preview, name="preview"),
    path("drafts/", views.drafts, name="drafts"),
    path("drafts/save/", views.draft_autosave, name="draft_autosave"),
    path("drafts/discard/", views.draft_discard, name="draft_discard"),
    path("drafts/<int:pk>/delete/", views.draft_delete, name="draft_delete"),
    # One name for both: reverse() with only the id gives the discreet address.
    path("t/<int:pk>/", views.thread_detail, name="thread"),
    path("t/<int:pk>/<str:slug>/", views.thread_detail, name="thread"),
    path("threads/<int:pk>/reply/", views.reply, name="reply"),
    path("threads/<int:pk>/watch/", views.thread_watch, name="thread_watch"),
    path("threads/<int:pk>/move/", views.thread_move, name="thread_move"),
    re_path(
        r"^threads/(?P<pk>[0-9]+)/(?P<action>pin|unpin|lock|unlock|hide|unhide)/$",
        views.thread_moderate,
        name="thread_moderate",
    ),
    path("attachments/upload/", attachment_views.upload, name="attachment_upload"),
    path("attachments/<int:pk>/", attachment_views.attachment_file, name="attachment"),
    path("attachments/<int:pk>/thumb/", attachment_views.attachment_thumb, name="attachment_thumb"),
    path("p/<int:pk>/", views.post_link, name="post"),
    path("p/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("p/<int:pk>/quote/", views.post_quote, name="post_quote"),
    path("p/<int:pk>/history/", views.post_history, name="post_history"),
    path("p/<int:pk>/delete/", views.post_delete, name="post_delete"),
    path("p/<int:pk>/react/", views.post_react, name="post_react"),
    path("p/<int:pk>/report/", views.post_report, name="post_report"),
    re_path(r"^p/(?P<pk>[0-9]+)/(?P<action>hide|unhide)/$", views.post_moderate, name="post_moderate"),
    path("<slug:slug>/", views.category_detail, name="category"),
    path("<slug:slug>/watch/", views.category_watch, name="category_watch"),
]
