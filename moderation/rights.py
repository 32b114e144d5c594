"""Moderation's part in members' data export: the reports a member made (registered in
``ModerationConfig.ready``). Reports stay after account deletion, with the reporter unset."""

from accounts.rights import ExportPart, iso, register_export

from .models import Report


def reports_made_export(user) -> ExportPart:
    # The member's own words only; the snapshot of the reported content is someone else's.
    return ExportPart(
        [
            {"reason": reason, "note": note, "state": state, "url": url, "created_at": iso(at)}
            for reason, note, state, url, at in Report.objects.filter(reporter=user)
            .order_by("pk")
            .values_list("reason", "note", "state", "target_url", "created_at")
        ]
    )


def register_rights() -> None:
    register_export("reports_made", reports_made_export, order=40)
