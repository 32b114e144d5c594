from django.db.models import QuerySet

from .models import AuditEntry, Report


def reports_open() -> QuerySet[Report]:
    return Report.objects.filter(state=Report.State.OPEN).select_related("reporter", "target_author", "content_type")


def audit_entries() -> QuerySet[AuditEntry]:
    return AuditEntry.objects.all()
