"""Members' rights over their own data: download it, or delete the account."""

from allauth.account.decorators import reauthentication_required
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from . import deletion, export
from .rights_forms import AccountDeleteForm


@require_http_methods(["GET", "POST"])
@reauthentication_required(allow_get=True)
def data_export(request):
    """GET explains what the archive holds; POST builds it and starts the download."""
    if request.method == "GET":
        return render(request, "accounts/export.html")
    archive = export.export_zip(request.user)
    response = HttpResponse(archive, content_type="application/zip")
    filename = f"alliance-hub-my-data-{timezone.now():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


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
