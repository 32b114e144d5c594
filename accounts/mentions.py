"""Who a mention means: typed names and member ids resolved against the active members, and
the current names of everyone a page mentions. Reading and rendering are in core/mentions.py."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.mentions import MAX_MENTIONS, Mention, Prepared, mention_ids, mentions_compose

from . import selectors as account_selectors
from .models import User


def mentions_prepare(text: str, *, strict: bool = True) -> Prepared:
    """Resolve the mentions of a text, store them as ids and render it. The same call serves
    preview and publish, so a preview that passes means the post will too."""
    return mentions_compose(text, _resolve, strict=strict)


def _resolve(mentions: list[Mention], *, strict: bool) -> dict[int, User]:
    """Give each mention a member id; returns the members by id. With ``strict``, an unknown
    or ambiguous name is a ValidationError that lists them."""
    ids = {m.member_id for m in mentions if m.member_id is not None}
    by_id = {user.pk: user for user in User.objects.active_members().filter(pk__in=ids).only("id", "display_name")}
    unknown, ambiguous = [], []
    typed = {}
    for mention in mentions:
        if mention.member_id is not None:
            if mention.member_id not in by_id:
                unknown.append(mention.label)
                mention.member_id = None
            continue
        key = mention.label.casefold()
        if key not in typed and len(typed) >= MAX_MENTIONS:
            continue  # left as text: a bounded number of look-ups per text
        if key not in typed:
            typed[key] = account_selectors.members_matching_typed_name(mention.label)
        matches = typed[key]
        if len(matches) == 1:
            mention.member_id = matches[0].pk
            by_id[matches[0].pk] = matches[0]
        elif matches:
            ambiguous.append(mention.label)
        else:
            unknown.append(mention.label)
    if strict and (unknown or ambiguous):
        messages = []
        if unknown:
            messages.append(
                _("No member is called %(names)s. Check the spelling or remove the @.")
                % {"names": ", ".join(f"@{name}" for name in dict.fromkeys(unknown))}
            )
        if ambiguous:
            messages.append(
                _("Several members match %(names)s. Please choose one from the suggestions, or write the full name.")
                % {"names": ", ".join(f"@{name}" for name in dict.fromkeys(ambiguous))}
            )
        raise ValidationError(" ".join(messages), code="ambiguous_mention" if ambiguous else "unknown_mention")
    return by_id


def mention_names(htmls) -> dict[int, str]:
    """Current display names of everyone mentioned in some rendered texts, in one query (none
    when nobody is mentioned)."""
    ids = mention_ids(*htmls)
    if not ids:
        return {}
    return dict(User.objects.filter(pk__in=ids).values_list("id", "display_name"))
