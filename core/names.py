"""Names of members as other members read them."""

from django.utils.translation import gettext


def member_name(name: str) -> str:
    """Content keeps a snapshot of its author's display name. Account deletion blanks it, so
    the label for a former member is written at read time, in the reader's language."""
    return name or gettext("Former member")
