from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from core import light_mode, quick_exit


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "quick_exit_token": SimpleLazyObject(lambda: quick_exit.exit_token(request)),
        "light_mode": SimpleLazyObject(lambda: light_mode.is_on(request)),
    }


# The addresses base.html links to on every page, reversed once per process (about twenty
# reverse() calls a page otherwise, a tenth of the layout's time; bench/README.md).
_LAYOUT_URLS = {
    "dashboard": "dashboard",
    "manifest": "manifest",
    "service_worker": "service_worker",
    "time_zone_guess": "accounts:time_zone_guess",
    "quick_exit": "quick_exit",
    "search": "search:search",
    "set_language": "set_language",
    "notifications": "notifications:list",
    "profile": "accounts:profile",
    "email_settings": "notifications:preferences",
    "export": "accounts:export",
    "mfa": "mfa_index",
    "sessions": "usersessions_list",
    "password": "account_change_password",
    "email": "account_email",
    "logout": "account_logout",
    "safety": "safety",
    "light_mode": "light_mode",
}
# The main menu: (key, URL name, the namespace or view that marks it current, label).
_MAIN_NAV = [
    ("dashboard", "dashboard", "dashboard", _("Dashboard")),
    ("forum", "forum:index", "forum", _("Forum")),
    ("library", "resources:list", "resources", _("Library")),
    ("chat", "chat:index", "chat", _("Chat")),
    ("members", "members:directory", "members", _("Members")),
]
_MODERATION = ("moderation", "moderation:home", "moderation", _("Moderation"))
_urls_by_prefix: dict[str, dict[str, str]] = {}
_language_options: dict[str, str] = {}


def _urls() -> dict[str, str]:
    prefix = get_script_prefix()
    urls = _urls_by_prefix.get(prefix)
    if urls is None:
        names = {**_LAYOUT_URLS, **{key: name for key, name, _current, _label in [*_MAIN_NAV, _MODERATION]}}
        urls = _urls_by_prefix[prefix] = {key: reverse(name) for key, name in names.items()}
    return urls


def _current_section(request) -> str:
    """The menu entry the page belongs to: its URL namespace, or the dashboard."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    return "dashboard" if match.view_name == "dashboard" else match.namespace


def _language_select_options() -> str:
    """The language menu's options, the current one selected; built once per language."""
    current = translation.get_language() or ""
    options = _language_options.get(current)
    if options is None:
        options = _language_options[current] = format_html_join(
            "\n",
            '<option value="{}" lang="{}"{}>{}</option>',
            (
                (code, code, " selected" if code == current else "", translation.gettext(name))
                for code, name in settings.LANGUAGES
            ),
        )
    return options


def layout(request):
    """What base.html shows on every page, computed here rather than by template tags: the
    addresses, the main menu with its current entry and the language menu's options. The
    moderation entry stays in the template, behind ``access.moderator``."""
    urls = _urls()
    section = _current_section(request)
    return {
        "layout_urls": urls,
        "current_section": section,
        "main_nav": [(urls[key], label, current == section) for key, _name, current, label in _MAIN_NAV],
        "language_options": SimpleLazyObject(_language_select_options),
    }


@receiver(setting_changed)
def _forget_on_change(setting, **kwargs):
    if setting in ("ROOT_URLCONF", "LANGUAGES"):
        _urls_by_prefix.clear()
        _language_options.clear()
