"""Reads for the library. Visibility is ``Resource.objects.visible_to(user)``, reused by
every list, page, download and count below."""

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from .models import FileVersion, Resource, ResourceFile, State

CARD_PREFETCH = ("types", "countries", "languages")


def library(user) -> QuerySet:
    """What the library lists: published resources only, drafts never."""
    return Resource.objects.visible_to(user).published()


def resources_of(user) -> QuerySet:
    return Resource.objects.filter(uploader=user).order_by("-updated_at", "-id")


def review_queue(user) -> QuerySet:
    return (
        Resource.objects.moderated_by(user)
        .filter(state=State.IN_REVIEW)
        .select_related("uploader")
        .prefetch_related("types", "countries", "languages", "files__versions")
    )


def resource_for(user, pk: int) -> Resource:
    """The resource with everything its page shows, or 404 when the member may not see it."""
    versions = FileVersion.objects.order_by("-number").select_related(None)
    files = ResourceFile.objects.prefetch_related(Prefetch("versions", queryset=versions))
    translations = Resource.objects.visible_to(user).published().prefetch_related("languages")
    resource = (
        Resource.objects.visible_to(user)
        .select_related("uploader")
        .prefetch_related(
            "types",
            "themes",
            "countries",
            "languages",
            "audiences",
            Prefetch("translations", queryset=translations),
            Prefetch("files", queryset=files),
        )
        .filter(pk=pk)
        .first()
    )
    if resource is None:
        raise Http404
    return resource


def resource_simple(user, pk: int) -> Resource:
    resource = Resource.objects.visible_to(user).filter(pk=pk).first()
    if resource is None:
        raise Http404
    return resource


def version_for(user, pk: int) -> FileVersion:
    version = (
        FileVersion.objects.filter(file__resource__in=Resource.objects.visible_to(user))
        .select_related("file__resource")
        .filter(pk=pk)
        .first()
    )
    if version is None:
        raise Http404
    return version


def file_for(user, pk: int) -> ResourceFile:
    item = (
        ResourceFile.objects.filter(resource__in=Resource.objects.visible_to(user))
        .select_related("resource")
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404
    return item


def duplicates_for(user, resource: Resource) -> dict[str, list[Resource]]:
    """Other resources the member can see that hold an identical file, by SHA-256; one query."""
    hashes = {version.sha256 for item in resource.files.all() for version in item.versions.all()}
    if not hashes:
        return {}
    found: dict[str, list[Resource]] = {}
    rows = (
        FileVersion.objects.filter(sha256__in=hashes, file__resource__in=Resource.objects.visible_to(user))
        .exclude(file__resource=resource)
        .select_related("file__resource")
        .order_by("file__resource_id")
    )
    for version in rows[:50]:
        others = found.setdefault(version.sha256, [])
        if version.file.resource not in others:
            others.append(version.file.resource)
    return found


def count_in_review(user) -> int:
    return Resource.objects.moderated_by(user).filter(state=State.IN_REVIEW).count()


def members_who_see(resource: Resource, user_ids) -> list[int]:
    """Which of ``user_ids`` may see ``resource`` (the same rule as ``visible_to``), in one query."""
    from accounts.models import User

    members = User.objects.active_members().filter(pk__in=user_ids)
    if resource.state != State.PUBLISHED:
        members = members.filter(Q(pk=resource.uploader_id) | Q(pk__in=User.objects.moderators().values("pk")))
    return list(members.values_list("pk", flat=True))
