import csv
import itertools

from allauth.account.decorators import reauthentication_required
from asgiref.sync import sync_to_async
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.handlers.asgi import ASGIRequest
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import permissions
from accounts import services as account_services
from accounts.decorators import moderator_required
from accounts.filters import ModerationMemberFilter
from accounts.forms import ApprovalForm, DecisionForm, InvitationForm, RequiredReasonForm, RoleChangeForm
from accounts.models import Invitation, Role, User
from core.errors import add_service_error
from core.pagination import keyset_page

from . import confirmations, queue, selectors, services
from .filters import AuditFilter
from .forms import InboxFilterForm, InboxNoteForm, ModeratorCountriesForm


@moderator_required
def home(request):
    """The inbox: everything that waits on this moderator, in their countries."""
    form = InboxFilterForm(request.GET or None)
    kind = assigned = ""
    if form.is_bound and form.is_valid():
        kind, assigned = form.cleaned_data["kind"], form.cleaned_data["assigned"]
    page = selectors.inbox_page(
        request.user,
        kinds=(kind,) if kind else (),
        assignment=assigned,
        cursor=request.GET.get("after"),
    )
    return render(
        request,
        "moderation/home.html",
        {
            "filter_form": form,
            "page": page,
            "sections": [(section, section.count(request.user)) for section in queue.sections()],
            "roles": ApprovalForm(roles=permissions.assignable_roles(request.user)).fields["role"].choices,
            "note_form": InboxNoteForm(),
            "report_actions": services.REPORT_ACTIONS,
        },
    )


def _back_to_inbox(request):
    """Back to the inbox with the filters the moderator was using."""
    query = request.POST.get("back", "")
    return redirect(reverse("moderation:home") + (f"?{query}" if query and "\n" not in query else ""))


@moderator_required
@require_POST
def inbox_action(request, kind, pk, action):
    item = selectors.inbox_item_get(request.user, kind, pk)
    reason = request.POST.get("reason", "")
    try:
        if kind == selectors.REPORT:
            services.inbox_report_act(actor=request.user, report=item, action=action, reason=reason)
            done = confirmations.report_action_done(item, action)
        elif kind == selectors.APPLICATION:
            services.inbox_application_decide(
                actor=request.user, applicant=item, decision=action, role=request.POST.get("role", ""), reason=reason
            )
            done = confirmations.application_done(item, action)
        else:
            services.inbox_item_decide(actor=request.user, kind=kind, item=item, decision=action, reason=reason)
            done = confirmations.item_done(kind, item, action, selectors.inbox_item_author(kind, item))
        messages.success(request, done)
    except ValidationError as error:
        add_service_error(request, error)
    return _back_to_inbox(request)


@moderator_required
@require_POST
def inbox_assign(request, kind, pk):
    item = selectors.inbox_item_get(request.user, kind, pk)
    take = request.POST.get("take") == "1"
    services.inbox_assign(actor=request.user, kind=kind, item=item, assign=take)
    messages.success(request, _("The item is now yours.") if take else _("The item is back in the shared queue."))
    return _back_to_inbox(request)


@moderator_required
@require_POST
def inbox_note(request, kind, pk):
    item = selectors.inbox_item_get(request.user, kind, pk)
    form = InboxNoteForm(request.POST)
    if form.is_valid():
        services.inbox_note_add(actor=request.user, kind=kind, item=item, body=form.cleaned_data["body"])
        messages.success(request, _("The note was added."))
    else:
        messages.error(request, _("Write a note first."))
    return _back_to_inbox(request)


@moderator_required
def applications(request):
    page = keyset_page(
        selectors.applications_for(request.user).select_related("country"),
        ordering=("date_joined", "id"),
        cursor=request.GET.get("after"),
    )
    roles = permissions.assignable_roles(request.user)
    return render(
        request,
        "moderation/applications.html",
        {
            "page": page,
            "approve_form": ApprovalForm(roles=roles),
            "reject_form": RequiredReasonForm(),
            "domain_warnings": selectors.application_domain_warnings(page.items),
        },
    )


@moderator_required
@require_POST
def application_decide(request, pk, decision):
    applicant = selectors.inbox_item_get(request.user, selectors.APPLICATION, pk)
    try:
        if decision == "approve":
            form = ApprovalForm(request.POST, roles=permissions.assignable_roles(request.user))
            if form.is_valid():
                services.inbox_application_decide(
                    actor=request.user,
                    applicant=applicant,
                    decision="approve",
                    role=form.cleaned_data["role"],
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, _("%(name)s is now a member.") % {"name": applicant})
            else:
                messages.error(request, _("Please choose a role."))
        else:
            form = RequiredReasonForm(request.POST)
            if form.is_valid():
                services.inbox_application_decide(
                    actor=request.user, applicant=applicant, decision="reject", reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("The application of %(name)s was declined.") % {"name": applicant})
            else:
                messages.error(request, _("Please give a reason; the applicant will read it."))
    except ValidationError as error:
        add_service_error(request, error)
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
            add_service_error(form, error, field="email")
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
        add_service_error(request, error)
    return redirect("moderation:invitations")


@moderator_required
def members(request):
    queryset = selectors.members_for(request.user)
    filterset = ModerationMemberFilter(request.GET or None, queryset=queryset)
    page = keyset_page(
        filterset.qs if filterset.is_bound and filterset.is_valid() else queryset,
        ordering=("display_name", "id"),
        cursor=request.GET.get("after"),
    )
    return render(request, "moderation/members.html", {"filter": filterset, "page": page})


@moderator_required
def member(request, pk):
    member = get_object_or_404(selectors.members_for(request.user).select_related("country"), pk=pk)
    history = selectors.audit_entries().filter(target_user=member)[:50]
    moderated_countries = list(member.moderated_countries.all())
    roles = permissions.assignable_roles(request.user)
    return render(
        request,
        "moderation/member.html",
        {
            "member": member,
            "history": history,
            "can_manage": permissions.can_manage_member(request.user, member),
            # Distinct ids, so each form's labels point at its own fields.
            "role_form": RoleChangeForm(roles=roles, initial={"role": member.role}, auto_id="role_%s"),
            "reason_form": RequiredReasonForm(auto_id="suspend_%s"),
            "optional_reason_form": DecisionForm(auto_id="reactivate_%s"),
            "end_sessions_form": DecisionForm(auto_id="end_sessions_%s"),
            "is_moderator": permissions.holds_role(member, Role.MODERATOR),
            "moderated_countries": moderated_countries,
            "can_scope": permissions.can_scope_moderators(request.user)
            and permissions.holds_role(member, Role.MODERATOR),
            "countries_form": ModeratorCountriesForm(initial={"countries": moderated_countries}),
        },
    )


MEMBER_ACTIONS = {
    "role": account_services.member_change_role,
    "suspend": account_services.member_suspend,
    "reactivate": account_services.member_reactivate,
    "end-sessions": account_services.member_end_sessions,
}


def _changes_a_role(request) -> bool:
    return request.resolver_match.kwargs.get("action") == "role"


# Changing who holds power, and taking the whole audit log away, ask for the password again
# (allauth resumes the suspended POST afterwards); everyday moderation does not.
@moderator_required
@require_POST
@reauthentication_required(enabled=_changes_a_role)
def member_action(request, pk, action):
    member = get_object_or_404(selectors.members_for(request.user), pk=pk)
    service = MEMBER_ACTIONS[action]
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
        role = Role(kwargs["role"]).label if action == "role" else ""
        messages.success(request, confirmations.member_action_done(member, action, role))
    except ValidationError as error:
        add_service_error(request, error)
    return redirect("moderation:member", pk=pk)


@moderator_required
@require_POST
@reauthentication_required(enabled=lambda request: permissions.can_scope_moderators(request.user))
def member_countries(request, pk):
    if not permissions.can_scope_moderators(request.user):
        raise PermissionDenied
    member = get_object_or_404(User, pk=pk)
    form = ModeratorCountriesForm(request.POST)
    if form.is_valid():
        try:
            services.moderator_countries_set(
                actor=request.user, moderator=member, countries=list(form.cleaned_data["countries"])
            )
            messages.success(request, _("The countries this moderator looks after were saved."))
        except ValidationError as error:
            add_service_error(request, error)
    else:
        messages.error(request, _("Please check the form."))
    return redirect("moderation:member", pk=pk)


@moderator_required
def reports(request):
    queryset = selectors.reports_for(request.user).select_related("reporter", "target_author", "content_type")
    page = keyset_page(queryset, ordering=("-created_at", "-id"), cursor=request.GET.get("after"))
    return render(request, "moderation/reports.html", {"page": page, "form": DecisionForm()})


@moderator_required
@require_POST
def report_resolve(request, pk):
    report = selectors.inbox_item_get(request.user, selectors.REPORT, pk)
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
        add_service_error(request, error)
    return redirect("moderation:reports")


def _filtered_audit(request):
    filterset = AuditFilter(
        request.GET or None, queryset=selectors.audit_entries_for(request.user).select_related("target_type")
    )
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    return filterset, queryset


@moderator_required
def audit_log(request):
    filterset, queryset = _filtered_audit(request)
    page = keyset_page(queryset, ordering=("-created_at", "-id"), cursor=request.GET.get("after"))
    return render(
        request,
        "moderation/audit_log.html",
        {
            "filter": filterset,
            "page": page,
            "can_export": permissions.can_export_audit_log(request.user),
            "picked": selectors.audit_filter_people(filterset, request.user),
        },
    )


class _Echo:
    def write(self, value):
        return value


def csv_safe(value) -> str:
    """Spreadsheets run cells that start with = + - @ (or tab/CR) as formulas; a leading
    quote keeps them as text."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _take(iterator, size: int) -> str:
    return "".join(itertools.islice(iterator, size))


async def _async_chunks(iterator, size: int = 500):
    read = sync_to_async(_take, thread_sensitive=True)
    while chunk := await read(iterator, size):
        yield chunk


AUDIT_CSV_COLUMNS = ("when", "actor", "action", "member_id", "target_type", "target_id", "target", "reason")


@moderator_required
@reauthentication_required(enabled=lambda request: permissions.can_export_audit_log(request.user))
def audit_export(request):
    """The filtered audit log as CSV, streamed so a long log never sits in memory."""
    if not permissions.can_export_audit_log(request.user):
        raise PermissionDenied
    _filterset, queryset = _filtered_audit(request)
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow(AUDIT_CSV_COLUMNS)
        for entry in queryset.order_by("-created_at", "-id").iterator(chunk_size=1000):
            yield writer.writerow(
                [
                    csv_safe(value)
                    for value in (
                        entry.created_at.isoformat(),
                        entry.actor_name,
                        entry.action,
                        entry.target_user_id or "",
                        entry.target_type.model if entry.target_type else "",
                        entry.target_id,
                        entry.target_repr,
                        entry.reason,
                    )
                ]
            )

    content = rows()
    if isinstance(request, ASGIRequest):
        # Under ASGI Django would read a plain iterator to the end before sending; an async
        # one lets the log go out in chunks, each read on the thread that owns the connection.
        content = _async_chunks(content)
    response = StreamingHttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    return response
