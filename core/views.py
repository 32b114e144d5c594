from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from core import quick_exit as quick_exit_service
from core import visits
from core.dashboard import dashboard_for


def dashboard(request):
    """What waits for the member (the moderators' queue) and what changed since their last
    visit, section by section: each app registers its own in core.dashboard."""
    since = visits.visit_since(request)
    lead, changes = [], []
    for section, context in dashboard_for(request.user, since):
        html = mark_safe(render_to_string(section.template, context, request=request))  # noqa: S308 - a rendered template
        (lead if section.lead else changes).append(html)
    return render(request, "core/dashboard.html", {"lead": lead, "changes": changes, "since": since})


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


@login_not_required
@csrf_exempt  # checked by quick_exit_leave, which still lets the person leave when it fails
@require_POST
def quick_exit(request):
    """The quick exit. The script posts here as the page blanks itself and needs no answer;
    without JavaScript the button's form posts here and the browser follows the redirect."""
    quick_exit_service.quick_exit_leave(request=request, token=request.POST.get("token", ""))
    if request.POST.get("via") == "script":
        return HttpResponse(status=204)
    return HttpResponseRedirect(quick_exit_service.neutral_site_url())
