"""Who may do what in the library. Views, templates and services ask these predicates."""

from accounts.permissions import (
    can_moderate,
    can_participate,
    can_publish_resources,
    is_active_member,
    moderated_country_ids,
)

from .models import State


def sees_the_whole_library(user) -> bool:
    """Every member's library is the same set of published resources (selectors.library), so
    its facet counts can be shared between them. A moderator's is their own: it keeps the
    translated files of the originals they look after when those are archived or in review."""
    return is_active_member(user) and not can_moderate(user)


def can_submit(user) -> bool:
    return can_participate(user)


def publishes_directly(user) -> bool:
    """Experts and moderators publish without review; members submit for review."""
    return can_publish_resources(user)


def is_owner(user, resource) -> bool:
    return can_participate(user) and resource.uploader_id == user.pk


def can_edit(user, resource) -> bool:
    # A draft is its author's until submitted: nobody else changes it, moderators included.
    if resource.state == State.DRAFT:
        return is_owner(user, resource)
    if resource.state == State.ARCHIVED:
        return can_moderate_resource(user, resource)
    if can_moderate_resource(user, resource):
        return True
    if not is_owner(user, resource):
        return False
    # Members change their own resource until it is published; experts whenever they like.
    return publishes_directly(user) or resource.state in (State.DRAFT, State.REJECTED)


def can_submit_resource(user, resource) -> bool:
    return is_owner(user, resource) and resource.state in (State.DRAFT, State.REJECTED)


def can_moderate_resource(user, resource) -> bool:
    """Moderators scoped to countries act only on resources tagged with one of them."""
    if not can_moderate(user):
        return False
    scope = moderated_country_ids(user)
    return scope is None or resource.countries.filter(pk__in=scope).exists()


def can_review(user, resource=None) -> bool:
    """Without a resource: whether the review queue opens (it lists Resource.objects.moderated_by)."""
    if resource is None:
        return can_moderate(user)
    return resource.state == State.IN_REVIEW and can_moderate_resource(user, resource)


def can_archive(user, resource) -> bool:
    if resource.state == State.ARCHIVED:
        return False
    return can_moderate_resource(user, resource) or (is_owner(user, resource) and publishes_directly(user))


def can_restore(user, resource) -> bool:
    return resource.state == State.ARCHIVED and can_moderate_resource(user, resource)


def can_download(user, resource) -> bool:
    return can_participate(user)


def can_report(user, resource) -> bool:
    return can_participate(user) and resource.state == State.PUBLISHED and not is_owner(user, resource)


def can_discuss(user, resource) -> bool:
    return can_participate(user) and resource.state == State.PUBLISHED


def can_see_collections(user) -> bool:
    return is_active_member(user)


def can_curate(user) -> bool:
    """Experts and moderators put together collections."""
    return can_publish_resources(user)


def can_edit_collection(user, collection) -> bool:
    """Its author while an expert or moderator; moderators any collection."""
    if not can_curate(user):
        return False
    return collection.created_by_id == user.pk or can_moderate(user)
