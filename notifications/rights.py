"""Notifications' part in members' rights: erasure and export (registered in
``NotificationsConfig.ready``)."""

from accounts.rights import ExportPart, register_erasure, register_export

from .erasure import notifications_erase_for
from .models import Preference


def preferences_export(user) -> ExportPart:
    return ExportPart(dict(Preference.objects.filter(user=user).order_by("kind").values_list("kind", "delivery")))


def register_rights() -> None:
    register_erasure(
        "notifications",
        lambda *, user, erase: notifications_erase_for(user=user, former_name="", erase=erase),
        order=90,
    )
    register_export("notification_preferences", preferences_export, order=50)
