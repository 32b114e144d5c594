from accounts.models import Role
from resources import services
from resources.models import FileVersion
from resources.thumbnails import thumbnail_generate
from tests.authz import FORBIDDEN, NOT_FOUND, Route, members_only, outside_scope, second_factor_first
from tests.factories import UserFactory

from .factories import make_resource, pdf_upload

moderators_only = members_only("moderator")
# The routes' resources are about Kazakhstan: the Kyrgyzstan moderator does not look after them.
moderators_in_scope = outside_scope(moderators_only)
review_action = second_factor_first(outside_scope(moderators_only, NOT_FOUND))
# Another member's unpublished resource: members may not know it exists; moderators who look
# after it may.
hidden_from_members = outside_scope(members_only("moderator", denied=NOT_FOUND), NOT_FOUND)


def _published(users):
    resource = make_resource(author=UserFactory(role=Role.EXPERT))
    version = FileVersion.objects.get(file__resource=resource)
    thumbnail_generate(version.pk)
    return {"resource": resource, "version": version, "item": version.file}


def _draft(users):
    resource = make_resource(author=users["owner"], submit=False)
    return {"resource": resource, "version": FileVersion.objects.get(file__resource=resource)}


def _draft_with_preview(users):
    found = _draft(users)
    thumbnail_generate(found["version"].pk)
    found["version"].refresh_from_db()
    return found


def _in_review(users):
    return {"resource": make_resource(author=users["owner"])}


def _rejected(users):
    resource = make_resource(author=users["owner"])
    services.resource_reject(actor=users["moderator"], resource=resource, reason="Not in scope")
    return {"resource": resource}


def _archived(users):
    context = _published(users)
    services.resource_archive(actor=users["moderator"], resource=context["resource"], reason="Outdated")
    return context


def _partial_upload(users):
    from resources import partial_uploads

    return {"partial": partial_uploads.upload_start(owner=users["owner"], name="annex.pdf", size=1000)}


# Only the member who started an upload may see, continue or cancel it; to everyone else,
# moderators included, it does not exist.
owner_only = members_only(member=NOT_FOUND, expert=NOT_FOUND, moderator=NOT_FOUND, admin=NOT_FOUND)


def _detail(c):
    return c["resource"].get_absolute_url()


def _upload(c):
    return {"upload": pdf_upload(name="annex.pdf"), "label": "Annex"}


ROUTES = [
    Route(
        "resources:partial_upload_start",
        "/resources/uploads/",
        members_only(),
        method="post",
        data={"name": "annex.pdf", "size": "1000"},
    ),
    Route(
        "resources:partial_upload",
        lambda c: f"/resources/uploads/{c['partial'].pk}/",
        owner_only,
        setup=_partial_upload,
    ),
    Route(
        "resources:partial_upload",
        lambda c: f"/resources/uploads/{c['partial'].pk}/",
        owner_only,
        method="delete",
        setup=_partial_upload,
        id="delete:partial_upload",
    ),
    Route("resources:list", "/resources/", members_only()),
    Route("resources:create", "/resources/new/", members_only()),
    Route("resources:mine", "/resources/mine/", members_only()),
    Route("resources:review", "/resources/review/", second_factor_first(moderators_only)),
    Route("resources:detail", _detail, members_only(), setup=_published, id="detail-published"),
    Route("resources:detail", _detail, hidden_from_members, setup=_draft, id="detail-draft"),
    Route("resources:detail", _detail, hidden_from_members, setup=_in_review, id="detail-in-review"),
    Route("resources:detail", _detail, hidden_from_members, setup=_rejected, id="detail-rejected"),
    Route("resources:edit", lambda c: f"/resources/{c['resource'].pk}/edit/", moderators_in_scope, setup=_published),
    # Nobody but its author edits a draft: moderators may read it, not change it.
    Route(
        "resources:edit",
        lambda c: f"/resources/{c['resource'].pk}/edit/",
        {**hidden_from_members, "moderator": FORBIDDEN, "admin": FORBIDDEN},
        setup=_draft,
        id="edit-draft",
    ),
    Route(
        "resources:submit",
        lambda c: f"/resources/{c['resource'].pk}/submit/",
        members_only("moderator", denied=NOT_FOUND, moderator=FORBIDDEN, admin=FORBIDDEN, scoped_moderator=NOT_FOUND),
        method="post",
        setup=_draft,
    ),
    Route(
        "resources:file_add",
        lambda c: f"/resources/{c['resource'].pk}/files/new/",
        moderators_in_scope,
        setup=_published,
    ),
    Route(
        "resources:file_add",
        lambda c: f"/resources/{c['resource'].pk}/files/new/",
        moderators_in_scope,
        method="post",
        data=_upload,
        setup=_published,
        id="post:file_add",
    ),
    Route(
        "resources:version_add",
        lambda c: f"/resources/files/{c['item'].pk}/new-version/",
        moderators_in_scope,
        setup=_published,
    ),
    Route(
        "resources:decide",
        lambda c: f"/resources/{c['resource'].pk}/review/approve/",
        review_action,
        method="post",
        setup=_in_review,
    ),
    Route(
        "resources:decide",
        lambda c: f"/resources/{c['resource'].pk}/review/reject/",
        review_action,
        method="post",
        data={"reason": "Outside the library's scope"},
        setup=_in_review,
        id="post:decide-reject",
    ),
    Route(
        "resources:archive",
        lambda c: f"/resources/{c['resource'].pk}/archive/",
        moderators_in_scope,
        method="post",
        data={"reason": "Outdated"},
        setup=_published,
    ),
    Route(
        "resources:restore",
        lambda c: f"/resources/{c['resource'].pk}/restore/",
        second_factor_first(outside_scope(moderators_only, NOT_FOUND)),
        method="post",
        setup=_archived,
    ),
    Route("resources:detail", _detail, hidden_from_members, setup=_archived, id="detail-archived"),
    Route(
        "resources:report",
        lambda c: f"/resources/{c['resource'].pk}/report/",
        members_only(),
        method="post",
        data={"reason": "identifies_survivor"},
        setup=_published,
    ),
    Route(
        "resources:report",
        lambda c: f"/resources/{c['resource'].pk}/report/",
        members_only("moderator", denied=NOT_FOUND, moderator=FORBIDDEN, admin=FORBIDDEN, scoped_moderator=NOT_FOUND),
        method="post",
        data={"reason": "spam"},
        setup=_draft,
        id="post:report-draft",
    ),
    Route(
        "resources:discuss",
        lambda c: f"/resources/{c['resource'].pk}/discuss/",
        members_only(),
        method="post",
        setup=_published,
    ),
    Route(
        "resources:download",
        lambda c: f"/resources/files/{c['version'].pk}/download/",
        members_only(),
        setup=_published,
    ),
    Route(
        "resources:download",
        lambda c: f"/resources/files/{c['version'].pk}/download/",
        hidden_from_members,
        setup=_draft,
        id="download-draft",
    ),
    Route(
        "resources:thumbnail",
        lambda c: f"/resources/files/{c['version'].pk}/thumbnail/",
        members_only(),
        setup=_published,
    ),
    # The hashed address the browser may keep: the same access check.
    Route(
        "resources:thumbnail",
        lambda c: f"/resources/files/{c['version'].pk}/thumbnail/?v={c['version'].thumbnail_digest()}",
        hidden_from_members,
        setup=_draft_with_preview,
        id="thumbnail-draft-hashed",
    ),
]


def _preview(c):
    return f"/resources/{c['resource'].pk}/preview/{c['version'].pk}/"


def _preview_page(c):
    return f"{_preview(c)}page/1.png"


def _office(*, submit: bool):
    """A Word file with its PDF rendering (made by a stand-in LibreOffice), published by an
    expert or kept as the owner's draft."""

    def setup(users):
        from resources.renderings import rendering_generate

        from .factories import docx_bytes, upload
        from .office_files import DOCX_TYPE, fake_soffice

        author = UserFactory(role=Role.EXPERT) if submit else users["owner"]
        resource = make_resource(author=author, uploads=[upload("notes.docx", docx_bytes(), DOCX_TYPE)], submit=submit)
        version = FileVersion.objects.get(file__resource=resource)
        with fake_soffice("pdf"):
            assert rendering_generate(version.pk)
        version.refresh_from_db()
        return {"resource": resource, "version": version}

    return setup


# Reading a file in the browser is allowed exactly as downloading it: an unpublished resource's
# pages stay private like its downloads.
ROUTES += [
    Route("resources:preview", _preview, members_only(), setup=_published),
    Route("resources:preview", _preview, hidden_from_members, setup=_draft, id="preview-draft"),
    Route("resources:preview_page", _preview_page, members_only(), setup=_published),
    Route("resources:preview_page", _preview_page, hidden_from_members, setup=_draft, id="preview_page-draft"),
    # An office file read through its PDF rendering: the same checks.
    Route("resources:preview", _preview, members_only(), setup=_office(submit=True), id="preview-office"),
    Route("resources:preview", _preview, hidden_from_members, setup=_office(submit=False), id="preview-office-draft"),
    Route("resources:preview_page", _preview_page, members_only(), setup=_office(submit=True), id="page-office"),
    Route(
        "resources:preview_page",
        _preview_page,
        hidden_from_members,
        setup=_office(submit=False),
        id="page-office-draft",
    ),
]


def _collection(users):
    from resources import collections

    curator = UserFactory(role=Role.EXPERT)
    resource = make_resource(author=curator, uploads=[], external_url="https://example.org/r")
    collection = collections.collection_create(actor=curator, data={"title": "Reading list"})
    item = collections.collection_add(actor=curator, collection=collection, resource=resource)
    return {"collection": collection, "item": item, "resource": resource}


def _translated_collection(users):
    from resources import collections

    context = _collection(users)
    curator = context["collection"].created_by
    collections.collection_translation_set(
        actor=curator, collection=context["collection"], language="ru", title="Список для чтения"
    )
    return context


# Experts and moderators make collections; only their author (while an expert) and moderators
# change one, and members may read every collection.
curators = members_only("expert")
another_experts_collection = members_only("moderator", expert=FORBIDDEN)

ROUTES += [
    Route("resources:collections", "/resources/collections/", members_only()),
    Route("resources:collection_create", "/resources/collections/new/", curators),
    Route(
        "resources:collection_create",
        "/resources/collections/new/",
        curators,
        method="post",
        data={"title": "New list"},
        id="post:collection_create",
    ),
    Route("resources:collection", lambda c: c["collection"].get_absolute_url(), members_only(), setup=_collection),
    Route(
        "resources:collection_edit",
        lambda c: f"/resources/collections/{c['collection'].pk}/edit/",
        another_experts_collection,
        setup=_collection,
    ),
    Route(
        "resources:collection_add",
        lambda c: f"/resources/collections/{c['collection'].pk}/items/",
        another_experts_collection,
        method="post",
        data=lambda c: {"address": make_resource(uploads=[], external_url="https://e.org").get_absolute_url()},
        setup=_collection,
    ),
    Route(
        "resources:collection_item",
        lambda c: f"/resources/collections/{c['collection'].pk}/items/{c['item'].pk}/",
        another_experts_collection,
        method="post",
        data={"action": "remove"},
        setup=_collection,
    ),
    Route(
        "resources:collection_delete",
        lambda c: f"/resources/collections/{c['collection'].pk}/delete/",
        another_experts_collection,
        method="post",
        setup=_collection,
    ),
    Route(
        "resources:collection_translation",
        lambda c: f"/resources/collections/{c['collection'].pk}/translations/",
        another_experts_collection,
        method="post",
        data={"action": "save", "language": "ru", "title": "Список для чтения", "introduction": "<script>x</script>"},
        setup=_collection,
        id="post:collection_translation-save",
    ),
    Route(
        "resources:collection_translation",
        lambda c: f"/resources/collections/{c['collection'].pk}/translations/",
        another_experts_collection,
        method="post",
        data={"action": "remove", "language": "ru"},
        setup=_translated_collection,
        id="post:collection_translation-remove",
    ),
]
