"""Named predicates for who may do what with accounts. Views, templates (through the
``access`` context processor), consumers and services all ask these, never role strings."""

from .models import ROLE_RANK, Role, Status


def is_active_member(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active_member)


# Set on the user object by accounts.middleware.SecondFactorMiddleware (pages) and the chat
# consumer (sockets) from the session; users loaded anywhere else (tasks, emails, commands)
# have no mark and so only a member's powers.
SECOND_FACTOR_MARK = "_second_factor_in_session"
STAFF_ROLES = (Role.MODERATOR, Role.ADMIN)


def session_completed_second_factor(session, user) -> bool:
    """Whether this session's login (or a later reauthentication) used the second factor, as
    allauth records it (allauth.account.internal.flows.login.record_authentication)."""
    if not (user and user.is_authenticated) or session is None:
        return False
    if session.get("account_authentication_methods_user") != str(user.pk):
        return False
    records = session.get("account_authentication_methods")
    return isinstance(records, list) and any(
        isinstance(record, dict) and record.get("method") == "mfa" for record in records
    )


def mark_second_factor(user, session) -> None:
    """Record on ``user`` whether ``session`` completed the second factor."""
    if user is not None and user.is_authenticated:
        setattr(user, SECOND_FACTOR_MARK, session_completed_second_factor(session, user))


def act_as_operator(user) -> None:
    """Give ``user`` the staff powers of their role outside any session: only for code an
    operator runs on the server (the demo seed, management commands), never for a request."""
    if is_staff_role(user):
        setattr(user, SECOND_FACTOR_MARK, True)


def holds_role(user, role: str) -> bool:
    """The role someone holds, to describe or choose people (a moderator's page, who can be
    scoped). Never a power: powers go through has_role, which asks has_staff_powers."""
    return is_active_member(user) and ROLE_RANK[user.role] >= ROLE_RANK[role]


def is_staff_role(user) -> bool:
    """The role alone, whatever the session: only for guiding staff to the second factor."""
    return is_active_member(user) and user.role in STAFF_ROLES


def has_staff_powers(user) -> bool:
    """The one gate to every moderator and admin power: the role, and the second factor
    completed in this session. Until then staff have exactly a member's powers."""
    return is_staff_role(user) and getattr(user, SECOND_FACTOR_MARK, False) is True


def effective_role(user) -> str:
    if user.role in STAFF_ROLES and not has_staff_powers(user):
        return Role.MEMBER
    return user.role


def has_role(user, role: str) -> bool:
    return is_active_member(user) and ROLE_RANK[effective_role(user)] >= ROLE_RANK[role]


def can_participate(user) -> bool:
    """Read, post, reply, react, chat, submit a resource for review."""
    return is_active_member(user)


def can_publish_resources(user) -> bool:
    return has_role(user, Role.EXPERT)


def is_moderator(user) -> bool:
    return has_role(user, Role.MODERATOR)


def is_admin(user) -> bool:
    return has_role(user, Role.ADMIN)


def has_two_factor(user) -> bool:
    """A TOTP authenticator exists (set up), whether or not this session used it."""
    if not (user and user.is_authenticated):
        return False
    cached = getattr(user, "_has_two_factor", None)
    if cached is None:
        from allauth.mfa.models import Authenticator

        cached = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        user._has_two_factor = cached
    return cached


def needs_two_factor(user) -> bool:
    """Moderators and admins whose session has not completed the second factor (set up or used)."""
    return is_staff_role(user) and not has_staff_powers(user)


def can_moderate(user) -> bool:
    return is_moderator(user)


def can_use_admin_site(user) -> bool:
    return is_admin(user)


def assignable_roles(actor) -> list[str]:
    if not can_moderate(actor):
        return []
    if is_admin(actor):
        return [Role.MEMBER, Role.EXPERT, Role.MODERATOR, Role.ADMIN]
    return [Role.MEMBER, Role.EXPERT]


def can_manage_member(actor, member) -> bool:
    """Moderators manage members and experts; admins manage everyone but themselves."""
    if not can_moderate(actor) or member.pk == actor.pk:
        return False
    if is_admin(actor):
        return True
    return ROLE_RANK[member.role] < ROLE_RANK[Role.MODERATOR]


def can_change_role(actor, member, role: str) -> bool:
    return can_manage_member(actor, member) and role in assignable_roles(actor) and member.status == Status.ACTIVE


def can_review_applications(user) -> bool:
    return can_moderate(user)


def can_invite(user, role: str = Role.MEMBER) -> bool:
    return role in assignable_roles(user)


def moderated_country_ids(user) -> frozenset[int] | None:
    """The countries a moderator is scoped to, or None for a global moderator."""
    if not is_moderator(user):
        return frozenset()
    cached = getattr(user, "_moderated_country_ids", None)
    if cached is None:
        ids = frozenset(user.moderated_countries.values_list("pk", flat=True))
        cached = user._moderated_country_ids = ids or "global"
    return None if cached == "global" else cached


def can_scope_moderators(user) -> bool:
    return can_moderate(user) and is_admin(user)


def can_reset_second_factor(actor, member) -> bool:
    """Admins reset someone else's second factor (a lost device); nobody resets their own."""
    return is_admin(actor) and member.pk != actor.pk


def can_export_audit_log(user) -> bool:
    return can_moderate(user) and is_admin(user)
