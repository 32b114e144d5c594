"""An author hears when a moderator hides or removes what they wrote, with the reason.

Every such action writes its audit entry inside the action's transaction, whichever page or
inbox it came from, so one receiver on new audit entries covers them all without moderation
importing the apps whose content it moderates. The notification is sent after the commit
(``notify``), in the app and by email as the member chose."""

from django.urls import reverse

from notifications.models import Kind
from notifications.services import notify

from .audit import AuditAction
from .models import AuditEntry

# Removals an author is told about.
REMOVALS = frozenset(
    {
        AuditAction.FORUM_POST_HIDE,
        AuditAction.FORUM_POST_DELETE,
        AuditAction.FORUM_THREAD_HIDE,
        AuditAction.CHAT_MESSAGE_DELETE,
        AuditAction.RESOURCE_ARCHIVE,
    }
)


def _where(target) -> tuple[str, str, str]:
    """Title, content warning and link of the place the item was in (the thread of a post,
    the room of a message), read from the item itself."""
    place = getattr(target, "thread", None) or getattr(target, "room", None) or target
    title = getattr(place, "title", None) or getattr(place, "name", None) or ""
    warning = getattr(place, "content_warning", "") or getattr(target, "content_warning", "") or ""
    url = reverse("notifications:list")
    if getattr(target, "thread", None) is not None and hasattr(place, "get_absolute_url"):
        url = place.get_absolute_url()  # the rest of the thread stays readable
    return str(title), str(warning), url


def author_notify(entry: AuditEntry) -> None:
    if entry.action not in REMOVALS or entry.target_user_id is None or entry.target_user_id == entry.actor_id:
        return
    target = None
    if entry.target_type_id:
        target = entry.target_type.model_class()._base_manager.filter(pk=entry.target_id).first()
    title, warning, url = _where(target) if target is not None else ("", "", reverse("notifications:list"))
    notify(
        kind=Kind.MODERATION_DECISION,
        recipient_ids=[entry.target_user_id],
        url=url,
        title=title,
        content_warning=warning,
        verb=entry.action,
        reason=entry.reason,
    )


def audit_entry_saved(sender, instance: AuditEntry, created: bool, **kwargs) -> None:
    if created:
        author_notify(instance)
