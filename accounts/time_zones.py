"""Members' time zones: which names are accepted, how the setting's list is ordered, and the
zone a member's dates are shown in."""

import zoneinfo
from functools import cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The alliance's region first in the setting's list.
REGION_ZONES = (
    "Asia/Almaty",
    "Asia/Bishkek",
    "Asia/Dushanbe",
    "Asia/Ashgabat",
    "Asia/Tashkent",
    "Asia/Kabul",
)
MAX_LENGTH = 64
# Names in the time zone database that are no place: "localtime" is whatever the server's
# clock is set to, "Factory" a placeholder.
NOT_PLACES = frozenset({"localtime", "Factory", "posixrules"})


@cache
def available() -> frozenset[str]:
    return frozenset(
        name for name in zoneinfo.available_timezones() if len(name) <= MAX_LENGTH and name not in NOT_PLACES
    )


def default_zone() -> str:
    """The zone of members who have not chosen one: the hub's own."""
    return settings.TIME_ZONE


def clean(value) -> str:
    """A valid IANA name, or ValidationError with a translated message. Empty stays empty
    (the hub's zone)."""
    value = value.strip() if isinstance(value, str) else ""
    if value and value not in available():
        raise ValidationError(_("Choose a time zone from the list."), code="invalid_time_zone")
    return value


def zone_of(user) -> ZoneInfo:
    """The zone the member's dates are shown in."""
    name = getattr(user, "time_zone", "") or default_zone()
    try:
        return ZoneInfo(name if name in available() else default_zone())
    except zoneinfo.ZoneInfoNotFoundError:
        return ZoneInfo(default_zone())


AREAS = {
    "Africa": gettext_lazy("Africa"),
    "America": gettext_lazy("Americas"),
    "Antarctica": gettext_lazy("Antarctica"),
    "Arctic": gettext_lazy("Arctic"),
    "Asia": gettext_lazy("Asia"),
    "Atlantic": gettext_lazy("Atlantic Ocean"),
    "Australia": gettext_lazy("Australia"),
    "Europe": gettext_lazy("Europe"),
    "Indian": gettext_lazy("Indian Ocean"),
    "Pacific": gettext_lazy("Pacific Ocean"),
}


def label(name: str) -> str:
    return name.replace("_", " ")


def choices(current: str = "") -> list:
    """The setting's options: the region's zones, then every zone grouped by continent (old
    aliases such as US/Eastern only when they are the member's current value)."""
    groups: dict[str, list[tuple[str, str]]] = {area: [] for area in AREAS}
    for name in sorted(available()):
        area = name.split("/", 1)[0]
        if "/" in name and area in groups:
            groups[area].append((name, label(name)))
    other = [("UTC", "UTC")]
    listed = {name for entries in groups.values() for name, _label in entries} | {"UTC"}
    if current and current not in listed and current in available():
        other.append((current, label(current)))
    return [
        (gettext_lazy("Central Asia and Afghanistan"), [(name, label(name)) for name in REGION_ZONES]),
        *((AREAS[area], entries) for area, entries in groups.items() if entries),
        (gettext_lazy("Other"), other),
    ]
