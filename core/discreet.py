"""Discreet mode: what a browser keeps (tab titles, history, downloaded file names) must not
tell someone looking at the device what a member read. On by default; a member may turn it
off in the profile. Visitors who are not logged in always get it."""

from django.utils.translation import gettext_lazy as _

# The section a page belongs to, by URL namespace or, for pages without one, URL name (prefix).
SECTIONS = {
    "forum": _("Forum"),
    "resources": _("Library"),
    "chat": _("Chat"),
    "search": _("Search"),
    "members": _("Members"),
    "accounts": _("Account"),
    "moderation": _("Moderation"),
    "notifications": _("Notifications"),
    "dashboard": _("Dashboard"),
    "safety": _("Safety and quick exit"),
}
ACCOUNT_URL_PREFIXES = ("account_", "mfa_", "usersessions_")


def is_on(request) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return True
    return bool(getattr(user, "discreet_mode", True))


def section_name(request) -> str:
    """The name of the section the current page belongs to; empty when it has none."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    for namespace in match.namespaces[:1]:
        return str(SECTIONS.get(namespace, ""))
    name = match.url_name or ""
    if name.startswith(ACCOUNT_URL_PREFIXES):
        return str(SECTIONS["accounts"])
    return str(SECTIONS.get(name, ""))


def download_name(version_id: int, original_name: str) -> str:
    """``document-<id>.<ext>``: the file's own name can say what it is about."""
    stem, dot, extension = original_name.rpartition(".")
    extension = extension.lower() if dot and stem and extension.isalnum() and len(extension) <= 8 else ""
    return f"document-{version_id}.{extension}" if extension else f"document-{version_id}"
