"""Reads about members. Visibility rules for the directory live here, once."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.cache import VersionedCache

from . import permissions
from .models import Status, User
from .names import name_search_key, name_skeleton


def member_directory(viewer) -> QuerySet[User]:
    """Active members, with what each chose to show. Email addresses are never part of it."""
    return (
        User.objects.active_members()
        .select_related("country")
        .prefetch_related("expertise")  # the cards show no languages; the member's page adds them
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
    return get_object_or_404(member_directory(viewer).prefetch_related("languages"), pk=member_id)


def members_for_moderation() -> QuerySet[User]:
    return User.objects.exclude(status=Status.PENDING).select_related("country").order_by("display_name", "id")


PICKER_LIMIT = 10


def member_picker(viewer, query: str, *, limit: int = PICKER_LIMIT) -> list[User]:
    """Members to choose from by any part of their name, in any script and case: active ones
    only, the viewer left out, and nothing but what the directory shows anyway. One query."""
    key = name_search_key(query)[:80]
    if not key or not permissions.is_active_member(viewer):
        return []
    return list(
        User.objects.active_members()
        .filter(name_search__contains=key)
        .exclude(pk=viewer.pk)
        .only("id", "display_name")
        .order_by("display_name", "id")[:limit]
    )


def members_matching_typed_name(name: str, *, limit: int = 5) -> list[User]:
    """Active members a typed name can mean: the one whose name looks exactly like it, else
    those whose name contains it. Callers act only on exactly one match; never a guess."""
    name = (name or "").strip()
    if not name:
        return []
    members = User.objects.active_members().only("id", "display_name")
    exact = list(members.filter(name_skeleton=name_skeleton(name))[:limit])
    if exact:
        return exact
    return members_whose_name_contains(name, limit=limit)


def members_whose_name_contains(name: str, *, limit: int = 5) -> list[User]:
    """Active members whose name contains a typed part of a name, in any script and case."""
    key = name_search_key(name or "")[:80]
    if not key:
        return []
    members = User.objects.active_members().only("id", "display_name")
    return list(members.filter(name_search__contains=key).order_by("display_name", "id")[:limit])


def members_chosen(ids) -> list[User]:
    """The active members picked by id, in the order given; ValidationError when one of the
    ids is not (or no longer) an active member. One query."""
    ids = list(dict.fromkeys(ids or ()))
    found = {user.pk: user for user in User.objects.active_members().filter(pk__in=ids)}
    if len(found) != len(ids):
        raise ValidationError(
            _("One of the chosen people is not an active member any more. Please choose again."),
            code="unknown_member",
        )
    return [found[pk] for pk in ids]


def member_by_typed_name(name: str) -> User:
    """The one active member a typed name means, or ValidationError saying it is unknown or
    ambiguous (naming the candidates, which the member picker would show anyway)."""
    matches = members_matching_typed_name(name)
    if len(matches) == 1:
        return matches[0]
    shown = (name or "").strip()[:80]
    if not matches:
        raise ValidationError(_("No member is called “%(name)s”.") % {"name": shown}, code="unknown_member")
    raise ValidationError(
        _("“%(name)s” could mean several members (%(names)s). Please choose one from the list or write the full name.")
        % {"name": shown, "names": ", ".join(member.display_name for member in matches)},
        code="ambiguous_member",
    )


def privacy_choice_due(user) -> bool:
    """An active member who has not yet been asked what other members may see about them."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active_member and user.privacy_chosen_at is None)


_directory_choices = VersionedCache("accounts:directory-choices", timeout=10 * 60)

# The directory's filter fields that choose a taxonomy term, with their term model's name.
DIRECTORY_TERM_FILTERS = (("country", "Country"), ("language", "Language"), ("expertise", "Theme"))


def directory_choices_changed(**kwargs) -> None:
    """A term was added, renamed, ordered or retired (signals in accounts/apps.py)."""
    _directory_choices.invalidate()


def directory_filter_choices() -> dict[str, list[tuple[int, str]]]:
    """The active terms each filter of the directory offers, as (id, name) in the interface
    language: read once per language and kept until a term changes, or ten minutes for
    changes made without signals (fixtures, migrations)."""
    from taxonomy import models as taxonomy

    def read():
        return {
            name: [(term.pk, str(term)) for term in getattr(taxonomy, model).objects.active()]
            for name, model in DIRECTORY_TERM_FILTERS
        }

    return _directory_choices.get_or_compute(get_language() or "", read)
