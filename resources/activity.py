"""What a library write sets in motion beyond the library's own tables: the search index and
notifications. Called by ``resources.services`` inside their transactions; notification
deliveries and text extraction wait for the commit."""

from django.db import transaction
from django.urls import reverse

from accounts.models import User
from moderation.services import moderators_notify
from notifications.models import Kind
from notifications.services import notify
from search import services as search

from . import selectors
from .models import Resource, State
from .tasks import resource_text_extract


def resource_changed(resource: Resource, *, files_changed: bool = False) -> None:
    """Metadata and state go to the search index at once (an archived or rejected resource
    stops being found in the same transaction); the files' text is extracted after commit."""
    search.index_resource(resource)
    if files_changed:
        resource_id = resource.pk
        transaction.on_commit(lambda: resource_text_extract.enqueue(resource_id))


def _notify(*, kind: str, recipient_ids, resource: Resource, actor, verb: str = "", reason: str = "") -> None:
    notify(
        verb=verb,
        reason=reason,
        kind=kind,
        recipient_ids=recipient_ids,
        url=resource.get_absolute_url(),
        actor=actor,
        target=resource,
        title=resource.title,
        content_warning=resource.content_warning,
        visible_to=lambda ids: selectors.members_who_see(resource, ids),
    )


def resource_decided(*, resource: Resource, actor) -> None:
    """The submitter hears of a moderator's decision; a publication reaches followers too."""
    _notify(
        kind=Kind.RESOURCE_DECISION,
        recipient_ids=[resource.uploader_id],
        resource=resource,
        actor=actor,
        verb=resource.state,
        reason=resource.review_note,
    )
    if resource.state == State.PUBLISHED:
        resource_published(resource=resource, actor=actor)


def resource_published(*, resource: Resource, actor) -> None:
    """Members who follow one of the resource's themes (their expertise) hear of it; when it
    is a translated file, those who asked for it (``translation_upload``)."""
    from .translation_upload import translated_file_published

    translated_file_published(resource)
    followers = (
        User.objects.active_members()
        .filter(expertise__in=resource.themes.all())
        .values_list("pk", flat=True)
        .distinct()
    )
    _notify(kind=Kind.RESOURCE_MATCH, recipient_ids=list(followers), resource=resource, actor=actor)


def resource_submitted(*, resource: Resource, actor) -> None:
    """A submission waits in the moderators' queue; the notice carries no content."""
    moderators_notify(url=reverse("resources:review"), actor=actor, verb="resource")
