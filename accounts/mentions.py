"""Who a mention means: typed names and member ids resolved against the active members, and
the current names of everyone a page mentions. Reading and rendering are in core/mentions.py."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.mentions import MAX_MENTIONS, Mention, Prepared, mention_ids, mentions_compose, name_ends

from . import selectors as account_selectors
from .models import User
from .names import name_skeleton


def mentions_prepare(text: str, *, strict: bool = True) -> Prepared:
    """Resolve the mentions of a text, store them as ids and render it. The same call serves
    preview and publish, so a preview that passes means the post will too."""
    return mentions_compose(text, _resolve, strict=strict)


def _resolve(mentions: list[Mention], *, strict: bool) -> dict[int, User]:
    """Give each mention a member id; returns the members by id. With ``strict``, an unknown
    or ambiguous name is a ValidationError that lists them.

    A typed name is first read as someone's whole name: ``@Partner in Afghanistan hello`` is
    the member called "Partner in Afghanistan" (the longest run of words after the ``@`` that
    is a member's whole name, compared as display names are: case, script look-alikes and
    spacing aside), and the mention takes in the whole name. Failing that, the first word
    alone is taken when exactly one member's name contains it, as the picker would suggest."""
    ids = {m.member_id for m in mentions if m.member_id is not None}
    by_id = {user.pk: user for user in User.objects.active_members().filter(pk__in=ids).only("id", "display_name")}
    unknown, ambiguous = [], []
    typed: list[Mention] = []
    keys: set[tuple[str, str]] = set()
    for mention in mentions:
        if mention.member_id is not None:
            if mention.member_id not in by_id:
                unknown.append(mention.label)
                mention.member_id = None
            continue
        key = (mention.label.casefold(), mention.following.casefold())
        if key not in keys:
            if len(keys) >= MAX_MENTIONS:
                continue  # left as text: a bounded number of look-ups per text
            keys.add(key)
        typed.append(mention)
    whole = _whole_names(typed)
    partial: dict[str, list[User]] = {}
    for mention in typed:
        if id(mention) in whole:
            user, length = whole[id(mention)]
            mention.member_id = user.pk
            if mention.following:
                mention.end = mention.start + 1 + length
            by_id[user.pk] = user
            continue
        label = mention.label.casefold()
        if label not in partial:
            partial[label] = account_selectors.members_whose_name_contains(mention.label)
        matches = partial[label]
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


def _whole_names(mentions: list[Mention]) -> dict[int, tuple[User, int]]:
    """The member each typed mention names in full (by ``id()`` of the mention), with the length of the name as typed
    after a bare ``@``; one query for them all (none without typed mentions). Display names
    are unique by their look-alike key, so a key names at most one member."""
    candidates: list[tuple[Mention, list[tuple[int, str]]]] = []
    for mention in mentions:
        if mention.following:
            ends = name_ends(mention.following, len(mention.label))
            keys = [(end, name_skeleton(mention.following[:end])) for end in ends]
        else:
            keys = [(len(mention.label), name_skeleton(mention.label))]
        candidates.append((mention, [(end, key) for end, key in keys if key]))
    skeletons = {key for _mention, keys in candidates for _end, key in keys}
    if not skeletons:
        return {}
    members = (
        User.objects.active_members().filter(name_skeleton__in=skeletons).only("id", "display_name", "name_skeleton")
    )
    by_skeleton = {user.name_skeleton: user for user in members}
    found = {}
    for mention, keys in candidates:
        for end, key in keys:  # longest first
            if key in by_skeleton:
                found[id(mention)] = (by_skeleton[key], end)
                break
    return found


def mention_names(htmls) -> dict[int, str]:
    """Current display names of everyone mentioned in some rendered texts, in one query (none
    when nobody is mentioned)."""
    ids = mention_ids(*htmls)
    if not ids:
        return {}
    return dict(User.objects.filter(pk__in=ids).values_list("id", "display_name"))
