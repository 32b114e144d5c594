"""Members' right to leave: deleting one's own account.

Decision: the account row is deleted for real. Every foreign key to it is either nullable
(authors, senders, uploaders, audit actors: SET_NULL, with a name snapshot beside it) or
belongs to the member alone (reactions, read markers, watches, memberships, preferences,
notifications, sessions, two-factor: CASCADE), so a hard delete breaks no constraint. Before
it, each app anonymises what others still read (its step registered in ``accounts.rights``), so threads, rooms,
the library, search and notifications keep working and credit a "former member".

What stays, on purpose: thread titles (the thread belongs to everyone who replied), what
others quoted or mentioned in their own posts, the moderators' copies in reports, and the
append-only audit log (names as snapshots).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.realtime import user_access_revoked_on_commit
from moderation.audit import AuditAction, audit_record

from . import permissions, rights
from .models import Invitation, User


class ContentChoice(models.TextChoices):
    ANONYMISE = "anonymise", gettext_lazy("Keep my posts and messages, credited to “Former member”")
    ERASE = "erase", gettext_lazy("Erase the text of my posts and messages")


def former_member_name() -> str:
    # Only direct conversations' names keep it as text, in the site's default language; content
    # keeps an empty name snapshot, read as "Former member" in the reader's language.
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        return _("Former member")


@transaction.atomic
def account_delete(*, member: User, content: str) -> dict:
    """Delete the member's own account. ``content`` says what happens to what they wrote:
    anonymised (kept, author removed) or erased (placeholder, author removed)."""
    if not permissions.is_active_member(member):
        raise PermissionDenied
    if content not in ContentChoice.values:
        raise ValidationError(_("Please choose what happens to your posts and messages."), code="content_choice")
    member = User.objects.select_for_update().get(pk=member.pk)
    erase = content == ContentChoice.ERASE

    summary = {}
    for step in rights.erasure_steps():
        summary.update(step.run(user=member, erase=erase))

    # Invitations addressed to the member would keep their email address.
    Invitation.objects.filter(Q(accepted_by=member) | Q(email__iexact=member.email)).delete()

    audit_record(actor=None, action=AuditAction.MEMBER_DELETE_SELF, target=member, data={"content": content, **summary})
    _end_sessions(member)
    member_id = member.pk
    member.delete()
    user_access_revoked_on_commit(member_id)
    return summary


def _end_sessions(member: User) -> None:
    from allauth.usersessions.models import UserSession

    # Tracked sessions are removed from the session store; any other session finds no user
    # once the account no longer exists, and is treated as logged out.
    for session in UserSession.objects.filter(user=member):
        session.end()
