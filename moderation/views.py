from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import permissions
from accounts import selectors as account_selectors
from accounts import services as account_services
from accounts.filters import ModerationMemberFilter
from accounts.forms import ApprovalForm, DecisionForm, InvitationForm, RequiredReasonForm, RoleChangeForm
from accounts.models import Invitation, User
from core.decorators import moderator_required
from core.pagination import keyset_page

from . import queue, selectors, services
from .filters import AuditFilter
from .models import Report


def _flash_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@moderator_required
def home(request):
    sections = [(section, section.count(request.user)) for section in queue.sections()]
    return render(request, "moderation/home.html", {"sections": sections})


@moderator_required
def applications(request):
    page = keyset_page(
        account_selectors.applications_pending(), ordering=("date_joined", "id"), cursor=request.GET.get("after")
    )
    roles = permissions.assignable_roles(request.user)
    return render(
        request,
        "moderation/applications.html",
        {"page": page, "approve_form": ApprovalForm(roles=roles), "reject_form": RequiredReasonForm()},
    )


@moderator_required
@require_POST
def application_decide(request, pk, decision):
    applicant = get_object_or_404(account_selectors.applications_pending(), pk=pk)
    try:
        if decision == "approve":
            form = ApprovalForm(request.POST, roles=permissions.assignable_roles(request.user))
            if form.is_valid():
                account_services.application_approve(
                    actor=request.user,
                    applicant=applicant,
                    role=form.cleaned_data["role"],
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, _("%(name)s is now a member.") % {"name": applicant})
            else:
                messages.error(request, _("Please choose a role."))
        else:
            form = RequiredReasonForm(request.POST)
            if form.is_valid():
                account_services.application_reject(
                    actor=request.user, applicant=applicant, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("The application of %(name)s was declined.") % {"name": applicant})
            else:
                messages.error(request, _("Please give a reason; the applicant will read it."))
    except ValidationError as error:
        _flash_errors(request, error)
    return redirect("moderation:applications")


@moderator_required
def invitations(request):
    roles = permissions.assignable_roles(request.user)
    form = InvitationForm(request.POST or None, roles=roles)
    created_link = None
    if request.method == "POST" and form.is_valid():
        try:
            invitation, token = account_services.invitation_create(
                actor=request.user, email=form.cleaned_data["email"], role=form.cleaned_data["role"]
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
            created_link = request.build_absolute_uri(f"/accounts/invite/{token}/")
            form = InvitationForm(roles=roles)
    page = keyset_page(
        Invitation.objects.select_related("invited_by", "accepted_by"),
        ordering=("-created_at", "-id"),
        cursor=request.GET.get("after"),
    )
    return render(request, "moderation/invitations.html", {"form": form, "page": page, "created_link": created_link})


@moderator_required
@require_POST
def invitation_revoke(request, pk):
    invitation = get_object_or_404(Invitation, pk=pk)
    try:
        account_services.invitation_revoke(actor=request.user, invitation=invitation)
        messages.success(request, _("The invitation was withdrawn."))
    except ValidationError as error:
        _flash_errors(request, error)
    return redirect("moderation:invitations")


@moderator_required
def members(request):
    queryset = account_selectors.members_for_moderation()
    filterset = ModerationMemberFilter(request.GET or None, queryset=queryset)
    page = keyset_page(
        filterset.qs if filterset.is_bound and filterset.is_valid() else queryset,
        ordering=("display_name", "id"),
        cursor=request.GET.get("after"),
    )
    return render(request, "moderation/members.html", {"filter": filterset, "page": page})


@moderator_required
def member(request, pk):
    member = get_object_or_404(User.objects.select_related("country"), pk=pk)
    history = selectors.audit_entries().filter(target_user=member)[:50]
    roles = permissions.assignable_roles(request.user)
    return render(
        request,
        "moderation/member.html",
        {
            "member": member,
            "history": history,
            "can_manage": permissions.can_manage_member(request.user, member),
            "role_form": RoleChangeForm(roles=roles, initial={"role": member.role}),
            "reason_form": RequiredReasonForm(),
            "optional_reason_form": DecisionForm(),
        },
    )


MEMBER_ACTIONS = {
    "role": (account_services.member_change_role, _("The role was changed.")),
    "suspend": (account_services.member_suspend, _("The account is suspended and its sessions have ended.")),
    "reactivate": (account_services.member_reactivate, _("The account is active again.")),
    "end-sessions": (account_services.member_end_sessions, _("All sessions of this member have ended.")),
}


@moderator_required
@require_POST
def member_action(request, pk, action):
    member = get_object_or_404(User, pk=pk)
    service, done = MEMBER_ACTIONS[action]
    form = (
        RoleChangeForm(request.POST, roles=permissions.assignable_roles(request.user))
        if action == "role"
        else DecisionForm(request.POST)
    )
    if not form.is_valid():
        messages.error(request, _("Please check the form."))
        return redirect("moderation:member", pk=pk)
    kwargs = {"actor": request.user, "member": member, "reason": form.cleaned_data.get("reason", "")}
    if action == "role":
        kwargs["role"] = form.cleaned_data["role"]
    try:
        service(**kwargs)
        messages.success(request, done)
    except ValidationError as error:
        _flash_errors(request, error)
    return redirect("moderation:member", pk=pk)


@moderator_required
def reports(request):
    page = keyset_page(selectors.reports_open(), ordering=("-created_at", "-id"), cursor=request.GET.get("after"))
    return render(request, "moderation/reports.html", {"page": page, "form": DecisionForm()})


@moderator_required
@require_POST
def report_resolve(request, pk):
    report = get_object_or_404(Report, pk=pk)
    state = request.POST.get("state", "")
    form = DecisionForm(request.POST)
    try:
        services.report_resolve(
            actor=request.user,
            report=report,
            state=state,
            reason=form.cleaned_data["reason"] if form.is_valid() else "",
        )
        messages.success(request, _("The report was closed."))
    except ValidationError as error:
        _flash_errors(request, error)
    return redirect("moderation:reports")


@moderator_required
def audit_log(request):
    filterset = AuditFilter(request.GET or None, queryset=selectors.audit_entries().select_related("target_type"))
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    page = keyset_page(queryset, ordering=("-created_at", "-id"), cursor=request.GET.get("after"))
    return render(request, "moderation/audit_log.html", {"filter": filterset, "page": page})
