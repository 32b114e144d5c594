"""Reads about members. Visibility rules for the directory live here, once."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import Role, Status, User


def member_directory(viewer) -> QuerySet[User]:
    """Active members, with what each chose to show. Email addresses are never part of it."""
    return (
        User.objects.active_members()
        .select_related("country")
        .prefetch_related("languages", "expertise")
        .only(
            "id",
            "display_name",
            "organisation",
            "country",
            "role_in_organisation",
            "bio",
            "show_organisation",
            "show_country",
            "role",
            "status",
            "date_joined",
        )
        .order_by("display_name", "id")
    )


def member_get_visible(viewer, member_id: int) -> User:
    return get_object_or_404(member_directory(viewer), pk=member_id)


def applications_pending() -> QuerySet[User]:
    return (
        User.objects.filter(status=Status.PENDING, role=Role.APPLICANT)
        .select_related("country")
        .order_by("date_joined", "id")
    )


def members_for_moderation() -> QuerySet[User]:
    return User.objects.exclude(status=Status.PENDING).select_related("country").order_by("display_name", "id")


def member_names_starting_with(prefix: str, limit: int = 10) -> list[tuple[int, str]]:
    return list(
        User.objects.active_members()
        .filter(display_name__istartswith=prefix)
        .order_by("display_name")
        .values_list("id", "display_name")[:limit]
    )


def member_by_display_name(name: str) -> User | None:
    """The active member with exactly this display name (case-insensitive), if any."""
    return User.objects.active_members().filter(display_name__iexact=(name or "").strip()).first()


def privacy_choice_due(user) -> bool:
    """An active member who has not yet been asked what other members may see about them."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active_member and user.privacy_chosen_at is None)
