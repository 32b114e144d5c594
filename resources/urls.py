from django.urls import path, re_path

from . import collection_views, translation_views, views

app_name = "resources"

urlpatterns = [
    path("", views.library, name="list"),
    path("new/", views.create, name="create"),
    path("mine/", views.mine, name="mine"),
    path("collections/", collection_views.collection_list, name="collections"),
    path("collections/new/", collection_views.collection_create, name="collection_create"),
    path("collections/<int:pk>/edit/", collection_views.collection_edit, name="collection_edit"),
    path("collections/<int:pk>/items/", collection_views.collection_add, name="collection_add"),
    path("collections/<int:pk>/items/<int:item_id>/", collection_views.collection_item, name="collection_item"),
    path("collections/<int:pk>/delete/", collection_views.collection_delete, name="collection_delete"),
    path(
        "collections/<int:pk>/translations/",
        collection_views.collection_translation,
        name="collection_translation",
    ),
    path("collections/<int:pk>/", collection_views.collection_detail, name="collection"),
    path("collections/<int:pk>/<slug:slug>/", collection_views.collection_detail, name="collection"),
    path("review/", views.review_queue, name="review"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/files/new/", views.file_add, name="file_add"),
    re_path(r"^(?P<pk>\d+)/review/(?P<decision>approve|reject|changes)/$", views.review_decide, name="decide"),
    path("<int:pk>/archive/", views.archive, name="archive"),
    path("<int:pk>/restore/", views.restore, name="restore"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/discuss/", views.discuss, name="discuss"),
    path("<int:pk>/translations/file/", translation_views.translated_file_add, name="translated_file_add"),
    path("files/<int:pk>/new-version/", views.version_add, name="version_add"),
    path("uploads/", views.partial_upload_start, name="partial_upload_start"),
    path("uploads/<uuid:upload_id>/", views.partial_upload, name="partial_upload"),
    path("files/<int:pk>/download/", views.download, name="download"),
    path("files/<int:pk>/thumbnail/", views.thumbnail, name="thumbnail"),
    path("<int:pk>/preview/<int:version_pk>/", views.preview, name="preview"),
    path("<int:pk>/preview/<int:version_pk>/page/<int:number>.png", views.preview_page, name="preview_page"),
    # Last, so that /<id>/edit/ and the other actions are never read as a slug.
    # One name for both: reverse() with only the id gives the discreet address.
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/<slug:slug>/", views.detail, name="detail"),
]
