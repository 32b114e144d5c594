"""``reverse()`` for URLs that take one id, at the cost of a string join.

A thread page links every post to its history, edit, report, delete and reaction views: about
160 ``reverse()`` calls, a tenth of the page's time (bench/README.md). The URL of each name is
reversed once per process with a placeholder id and split around it."""

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse

_PLACEHOLDER = "918273645"
_split_urls: dict[tuple[str, str], tuple[str, str]] = {}


def reverse_pk(name: str, pk) -> str:
    key = (name, get_script_prefix())
    parts = _split_urls.get(key)
    if parts is None:
        before, placeholder, after = reverse(name, args=[_PLACEHOLDER]).partition(_PLACEHOLDER)
        if not placeholder:
            raise ValueError(f"{name} does not take an id")
        parts = _split_urls[key] = (before, after)
    return f"{parts[0]}{int(pk)}{parts[1]}"


@receiver(setting_changed)
def _forget_on_urlconf_change(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _split_urls.clear()
