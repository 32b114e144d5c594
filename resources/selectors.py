"""Reads for the library. Visibility is ``Resource.objects.visible_to(user)``, reused by
every list, page, download and count below."""

from django.db.models import Count, Exists, Prefetch, Q, QuerySet, Value
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
    # A translated file of an original out of the library shows to moderators only.
    out_of_sight = Resource.objects.translations_of_unpublished().filter(copy_id=resource.pk)
    members = members.filter(~Exists(out_of_sight) | Q(pk__in=User.objects.moderators().values("pk")))
    return list(members.values_list("pk", flat=True))


HOME_SHOWN = 5
RELATED_SHOWN = 5


def library_home(user, since) -> dict:
    """The library's landing when no filter is chosen: the newest and the most downloaded
    resources, and those published on the member's themes (expertise) since their last visit.
    Three queries, whatever the size of the library; browsing by type and theme reuses the
    facet counts of the whole library, which the page computes (or has cached) anyway."""
    listed = library(user).only("pk", "title", "published_at", "download_count")
    return {
        "newest": list(listed.order_by("-published_at", "-id")[:HOME_SHOWN]),
        "most_used": list(listed.filter(download_count__gt=0).order_by("-download_count", "-id")[:HOME_SHOWN]),
        "on_my_themes": new_on_my_themes(user, since),
    }


def new_on_my_themes(user, since, limit: int = HOME_SHOWN) -> list[Resource]:
    """Resources published since ``since`` on the themes of the member's expertise (none when
    the profile names no theme); one query."""
    themes = user.expertise.values("pk")
    return list(
        library(user)
        .filter(published_at__gte=since, pk__in=library(user).filter(themes__in=themes).values("pk"))
        .order_by("-published_at", "-id")[:limit]
    )


def related_to(user, resource: Resource) -> list[Resource]:
    """Published resources the member can see that share a type and (when the resource has
    themes) a theme with ``resource``, the most themes in common first; one query. Uses the
    types and themes already prefetched on ``resource``."""
    type_ids = [item.pk for item in resource.types.all()]
    theme_ids = [item.pk for item in resource.themes.all()]
    if not type_ids:
        return []
    same_type = Resource.objects.filter(types__in=type_ids).values("pk")
    found = library(user).filter(pk__in=same_type).exclude(pk=resource.pk)
    if theme_ids:
        found = found.filter(pk__in=Resource.objects.filter(themes__in=theme_ids).values("pk")).annotate(
            shared=Count("themes", filter=Q(themes__in=theme_ids), distinct=True)
        )
    else:
        found = found.annotate(shared=Value(0))
    return list(
        found.only("pk", "title", "summary", "published_at", "content_warning").order_by(
            "-shared", "-published_at", "-id"
        )[:RELATED_SHOWN]
    )
