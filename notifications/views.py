from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from core.pagination import keyset_page

from . import selectors, services, texts
from .emails import read_unsubscribe_token
from .forms import PreferencesForm
from .models import Kind


def notification_list(request):
    page = keyset_page(
        selectors.notifications_for(request.user).select_related("actor"),
        ordering=("-updated_at", "-id"),
        cursor=request.GET.get("after"),
    )
    page.items = texts.prepare(selectors.still_visible(request.user, page.items))
    return render(request, "notifications/list.html", {"page": page})


@require_POST
def notification_open(request, pk):
    """Mark one notification read and go to what it is about."""
    notification = selectors.notifications_for(request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    services.notification_mark_read(user=request.user, notification_id=pk)
    return redirect(notification.url if notification.url.startswith("/") else "notifications:list")


@require_POST
def mark_all_read(request):
    services.notifications_mark_all_read(user=request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")


@require_http_methods(["GET", "POST"])
def preferences(request):
    form = PreferencesForm(request.POST or None, deliveries=selectors.deliveries_for(request.user))
    if request.method == "POST" and form.is_valid():
        services.preferences_update(user=request.user, deliveries=form.cleaned_data)
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


@login_not_required
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One-click unsubscribe from one kind of email (RFC 8058: POST without login)."""
    parsed = read_unsubscribe_token(token)
    user = User.objects.filter(pk=parsed[0]).first() if parsed else None
    if user is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    kind = Kind(parsed[1])
    if request.method == "POST":
        services.unsubscribe(user=user, kind=kind)
        return render(request, "notifications/unsubscribe.html", {"done": True, "kind": kind})
    return render(request, "notifications/unsubscribe.html", {"kind": kind, "token": token})
