"""Members' rights over their own data: download it, or delete the account."""

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.files.serving import handed_off

from . import deletion, export_delivery
from .rights_forms import AccountDeleteForm


@require_http_methods(["GET", "POST"])
@reauthentication_required(allow_get=True)
def data_export(request):
    """GET explains what the archive holds and lists the member's archives; POST asks for a
    new one, built in the background."""
    if request.method == "POST":
        try:
            export_delivery.data_export_request(member=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _("Your archive is being prepared. Reload this page in a minute to find the download link."),
            )
        return redirect("accounts:export")
    exports = export_delivery.data_exports_for(request.user)
    return render(request, "accounts/export.html", {"exports": exports, "hours": export_delivery._hours()})


@require_GET
def data_export_download(request, token):
    """The member's own finished archive; any other token is not found, before any password
    is asked for."""
    if not export_delivery.data_export_ready(member=request.user, token=token):
        raise Http404
    return _archive_send(request, token)


@reauthentication_required
def _archive_send(request, token):
    # In discreet mode the downloads folder does not name the hub either.
    prefix = "archive" if request.user.discreet_mode else "alliance-hub-my-data"
    filename = f"{prefix}-{timezone.localdate():%Y-%m-%d}.zip"
    # Object storage: the owner, checked here, is sent to a signed address that soon expires.
    url = export_delivery.data_export_address(member=request.user, filename=filename, token=token)
    if url is not None:
        return handed_off(url)
    handle = export_delivery.data_export_open(member=request.user, token=token)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type="application/zip")


@require_http_methods(["GET", "POST"])
@reauthentication_required
def account_delete(request):
    form = AccountDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        deletion.account_delete(member=request.user, content=form.cleaned_data["content"])
        # The account is gone: a fresh, empty session, and the rest of the request is anonymous.
        request.session.flush()
        request.user = AnonymousUser()
        return render(request, "accounts/deleted.html")
    return render(request, "accounts/delete.html", {"form": form})
