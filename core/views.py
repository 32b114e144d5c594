from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts import permissions
from moderation import queue


def dashboard(request):
    sections = []
    if permissions.can_moderate(request.user):
        sections = [(s, s.count(request.user)) for s in queue.sections()]
    return render(request, "core/dashboard.html", {"queue_sections": sections})


@login_not_required
@require_GET
def healthz(request):
    """Liveness and database reachability; reveals no data."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return JsonResponse({"status": "ok"})
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"status": "unavailable"}, status=503)


@login_not_required
def safety(request):
    return render(request, "core/safety.html")


def section_placeholder(request, section):
    """Stub page for a section whose app is not built yet."""
    return render(request, "core/placeholder.html", {"section": section})
