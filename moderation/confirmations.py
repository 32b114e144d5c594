"""What a moderator reads after acting: what was done, to whom ("Post by Aigerim N. hidden.",
"Farrukh T. suspended."), instead of a generic "Done". Names are the members' current ones;
content is never quoted."""

from django.utils.translation import gettext as _

from core.names import member_name

from .models import Report


def _name(member) -> str:
    return member_name(getattr(member, "display_name", "") if member is not None else "")


# The reported item, by model, with its author's name.
_ITEMS = {
    "post": lambda: _("Post by %(name)s"),
    "thread": lambda: _("Thread by %(name)s"),
    "message": lambda: _("Message by %(name)s"),
    "resource": lambda: _("Resource by %(name)s"),
}


def report_action_done(report: Report, action: str) -> str:
    name = _name(report.target_author)
    if action == "dismiss":
        return _("Report on content by %(name)s dismissed; the content stays.") % {"name": name}
    if action == "warn":
        return _("%(name)s was warned.") % {"name": name}
    if action == "suspend":
        return _("%(name)s was suspended and their sessions have ended.") % {"name": name}
    item = _ITEMS.get(report.content_type.model, lambda: _("Content by %(name)s"))() % {"name": name}
    if action == "hide":
        return _("%(item)s hidden; the author was told why.") % {"item": item}
    return _("%(item)s deleted; the author was told why.") % {"item": item}


def application_done(applicant, decision: str) -> str:
    if decision == "approve":
        return _("%(name)s is now a member.") % {"name": _name(applicant)}
    return _("The application of %(name)s was declined.") % {"name": _name(applicant)}


def item_done(kind: str, item, decision: str, author) -> str:
    name = _name(author)
    if kind == "resource":
        if decision == "approve":
            return _("Resource by %(name)s published.") % {"name": name}
        return _("Resource by %(name)s declined; the submitter was told why.") % {"name": name}
    return _("Item by %(name)s: decision recorded.") % {"name": name}


def member_action_done(member, action: str, role_label: str = "") -> str:
    name = _name(member)
    if action == "role":
        return _("%(name)s is now: %(role)s.") % {"name": name, "role": role_label}
    if action == "suspend":
        return _("%(name)s suspended; their sessions have ended.") % {"name": name}
    if action == "reactivate":
        return _("%(name)s is active again.") % {"name": name}
    return _("All sessions of %(name)s have ended.") % {"name": name}
