from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import selectors as account_selectors
from accounts.decorators import moderator_required
from accounts.models import User
from core import discreet
from core.errors import add_service_error
from core.files.uploads import limit_uploads
from core.ratelimit import rate_limit_view

from . import permissions, selectors, services
from .attachment_views import attach_sent_file
from .forms import (
    ConvertForm,
    DirectForm,
    EditForm,
    MemberNameForm,
    MessageForm,
    MuteForm,
    ReactionForm,
    ReportForm,
    RoomForm,
)
from .models import Reaction, Room


def index(request):
    rooms = selectors.name_direct_rooms(list(selectors.rooms_for(request.user)), request.user)
    return render(
        request,
        "chat/index.html",
        {
            "shared_rooms": [r for r in rooms if r.kind in (Room.Kind.OPEN, Room.Kind.COUNTRY)],
            "private_rooms": [r for r in rooms if r.kind == Room.Kind.PRIVATE],
            "direct_rooms": [r for r in rooms if r.kind == Room.Kind.DIRECT],
            "room_form": RoomForm(),
            "direct_form": DirectForm(),
        },
    )


# The room opens at the first unread message when there are at most this many unread.
UNREAD_WINDOW = 200


def _room_context(request, room: Room, form=None) -> dict:
    cursor = request.GET.get("after")
    at = request.GET.get("at")
    at = int(at) if at and at.isdigit() else None
    target = request.GET.get("m")
    target = int(target) if target and target.isdigit() else None
    if target is not None:
        # A link to a message opens the room around it.
        at = selectors.message_seq_in(room, target)
        target = target if at is not None else None
    membership = selectors.membership_get(request.user, room)
    first_unread = selectors.first_unread_seq(room, membership) if cursor is None and at is None else None
    size = selectors.HISTORY_PAGE
    if first_unread is not None:
        size = min(max(size, room.last_seq - first_unread + 6), UNREAD_WINDOW)
    page = selectors.messages_page(room, cursor=cursor, at=at, user=request.user, size=size)
    for message in page.items:
        message.room = room  # already loaded: the predicates below read it
        message.viewer_can_edit = permissions.can_edit_message(request.user, message)
        message.viewer_can_delete = permissions.can_delete_message(request.user, message)
        message.viewer_can_report = message.sender_id != request.user.pk
    reply_to = request.GET.get("reply")
    initial = {"reply_to": int(reply_to)} if reply_to and reply_to.isdigit() else {}
    return {
        "room": room,
        "page": page,
        "form": form or MessageForm(initial=initial),
        "replying_to": next((m for m in page.items if m.pk == initial.get("reply_to")), None),
        "is_muted": permissions.is_muted(membership),
        "can_manage": permissions.can_manage_room(request.user, room),
        "can_convert": permissions.can_convert_to_thread(request.user, room),
        "can_moderate": permissions.can_mute_in(request.user, room),
        "emoji_choices": Reaction.Emoji.choices,
        "mute_form": MuteForm(),
        "rendered_at": timezone.now().isoformat(),
        "first_unread": first_unread if first_unread and page.items and first_unread >= page.items[0].seq else None,
        "target": target,
        "at": at,
        # Whether the page ends at the room's newest message: live messages can then follow it.
        "at_latest": cursor is None and (not page.items or page.items[-1].seq >= room.last_seq),
    }


def room(request, room):
    key, room = room, selectors.room_get(request.user, room)
    if key != str(room.pk) and discreet.is_on(request):
        # Discreet mode: the room's name leaves the address (and the browser history).
        query = request.META.get("QUERY_STRING", "")
        return redirect(f"{room.get_absolute_url()}?{query}" if query else room.get_absolute_url())
    context = _room_context(request, room)
    if not context["page"].has_previous and context["at"] is None:
        services.room_mark_read(user=request.user, room=room, seq=room.last_seq)
    return render(request, "chat/room.html", context)


@require_POST
@limit_uploads
def send(request, room):
    room = selectors.room_get(request.user, room)
    data, refused = attach_sent_file(request, room, request.POST)
    form = MessageForm(data)
    if refused is not None:
        form.is_valid()
        form.add_error("attachment", refused)
    elif form.is_valid():
        try:
            message, _created = services.message_send(
                sender=request.user,
                room=room,
                body=form.cleaned_data["body"],
                client_id=form.cleaned_data["client_id"],
                reply_to_id=form.cleaned_data["reply_to"],
                content_warning=form.cleaned_data["content_warning"],
            )
        except (ValidationError, PermissionDenied) as error:
            add_service_error(form, error, field="body")
        else:
            return redirect(f"{room.get_absolute_url()}#m-{message.seq}")
    return render(request, "chat/room.html", _room_context(request, room, form=form), status=400)


def message_detail(request, pk):
    try:
        return redirect(selectors.message_get(request.user, pk).get_room_url())
    except Http404:
        # A moderator following a report into a conversation they cannot open.
        if not permissions.can_moderate(request.user):
            raise
    return redirect("chat:message_review", pk=selectors.message_for_review(request.user, pk).pk)


@moderator_required
def message_review(request, pk):
    message = selectors.message_for_review(request.user, pk)
    return render(
        request,
        "chat/message_review.html",
        {
            "message": message,
            "reports": selectors.message_reports_open(message),
            "can_delete": permissions.can_delete_message(request.user, message, reported=True),
            "can_mute": permissions.can_mute_in(request.user, message.room),
            "mute_form": MuteForm(initial={"user": message.sender_id}),
        },
    )


@require_http_methods(["GET", "POST"])
def message_edit(request, pk):
    message = selectors.message_get(request.user, pk)
    if not permissions.can_edit_message(request.user, message):
        raise PermissionDenied
    form = EditForm(request.POST or None, initial={"body": message.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.message_edit(actor=request.user, message=message, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_service_error(form, error, field="body")
        else:
            return redirect(message.get_room_url())
    selectors.name_direct_rooms([message.room], request.user)
    return render(request, "chat/message_edit.html", {"message": message, "form": form})


@require_POST
def message_delete(request, pk):
    try:
        message = selectors.message_get(request.user, pk)
    except Http404:
        if not permissions.can_moderate(request.user):
            raise
        message = selectors.message_for_review(request.user, pk)
    services.message_delete(actor=request.user, message=message, reason=request.POST.get("reason", "")[:500])
    messages.success(request, _("The message was deleted."))
    if message.room.kind == Room.Kind.DIRECT and message.sender_id != request.user.pk:
        return redirect("moderation:reports")
    return redirect(message.get_room_url())


@require_POST
def message_react(request, pk):
    message = selectors.message_get(request.user, pk)
    form = ReactionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the offered reactions."))
    else:
        try:
            services.reaction_toggle(user=request.user, message=message, emoji=form.cleaned_data["emoji"])
        except ValidationError as error:
            add_service_error(request, error)
    return redirect(message.get_room_url())


@require_http_methods(["GET", "POST"])
@rate_limit_view("report")
def message_report(request, pk):
    message = selectors.message_get(request.user, pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.message_report(reporter=request.user, message=message, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Thank you. A moderator will look at this message."))
            return redirect(message.get_room_url())
    return render(request, "chat/message_report.html", {"message": message, "form": form})


@require_http_methods(["GET", "POST"])
def room_create(request):
    form = RoomForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            room = services.room_create(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error, field="name")
        else:
            messages.success(request, _("Room created. Add the members you want to invite."))
            return redirect("chat:members", room=room.pk)
    return render(request, "chat/room_form.html", {"form": form})


def _chosen_members(form, names_field: str) -> list[User]:
    """Members picked by id, plus typed names that each match exactly one member; every
    other name is an error on the form, never a guess."""
    people = []
    try:
        people.extend(account_selectors.members_chosen(form.cleaned_data["members"]))
    except ValidationError as error:
        add_service_error(form, error, field=names_field)
    names = form.names() if hasattr(form, "names") else [form.cleaned_data[names_field].strip()]
    for name in filter(None, names):
        try:
            people.append(account_selectors.member_by_typed_name(name))
        except ValidationError as error:
            add_service_error(form, error, field=names_field)
    return people


@require_POST
def direct_start(request):
    form = DirectForm(request.POST)
    if form.is_valid():
        recipients = _chosen_members(form, "display_names")
        if form.is_valid():
            try:
                room = services.direct_start(sender=request.user, recipients=recipients)
            except ValidationError as error:
                add_service_error(form, error, field="display_names")
            else:
                return redirect(room.get_absolute_url())
    return render(request, "chat/direct_form.html", {"form": form}, status=400)


def _private_room(request, room) -> Room:
    room = selectors.room_get(request.user, room)
    if not room.has_member_list:
        raise Http404
    return room


@require_http_methods(["GET", "POST"])
def members(request, room):
    room = _private_room(request, room)
    form = MemberNameForm(request.POST or None)
    if request.method == "POST":
        if not permissions.can_manage_room(request.user, room):
            raise PermissionDenied
        people = _chosen_members(form, "display_name") if form.is_valid() else []
        if form.is_valid():
            try:
                for person in people:
                    services.room_member_add(actor=request.user, room=room, member=person)
            except ValidationError as error:
                add_service_error(form, error, field="display_name")
            else:
                names = ", ".join(person.display_name for person in people)
                messages.success(request, _("%(name)s can now use this room.") % {"name": names})
                return redirect("chat:members", room=room.pk)
    return render(
        request,
        "chat/members.html",
        {
            "room": room,
            "memberships": selectors.room_members(room),
            "form": form,
            "can_manage": permissions.can_manage_room(request.user, room),
        },
    )


@require_POST
def member_remove(request, room, user_id):
    room = _private_room(request, room)
    person = get_object_or_404(User, pk=user_id)
    try:
        services.room_member_remove(actor=request.user, room=room, member=person)
    except ValidationError as error:
        add_service_error(request, error)
    else:
        messages.success(request, _("%(name)s was removed from the room.") % {"name": person.display_name})
    return redirect("chat:members", room=room.pk)


@require_http_methods(["GET", "POST"])
def convert(request, room):
    room = selectors.room_get(request.user, room)
    if not permissions.can_convert_to_thread(request.user, room):
        raise PermissionDenied
    page = selectors.messages_page(room, cursor=None)
    choices = [(m.pk, f"{m.sender_name}: {m.body[:80]}") for m in page.items if not m.is_deleted]
    form = ConvertForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.thread_from_messages(
                actor=request.user,
                room=room,
                message_ids=form.cleaned_data["messages"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The thread was created."))
            return redirect(thread.get_absolute_url())
    return render(request, "chat/convert.html", {"room": room, "form": form})


@require_POST
@moderator_required
def mute(request, room):
    room = selectors.room_get(request.user, room)
    form = MuteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose who to mute and for how long."))
        return redirect(room.get_absolute_url())
    person = get_object_or_404(User, pk=form.cleaned_data["user"])
    try:
        services.member_mute(
            actor=request.user,
            room=room,
            member=person,
            minutes=form.cleaned_data["minutes"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        add_service_error(request, error)
    else:
        messages.success(request, _("Done: %(name)s's mute in this room was updated.") % {"name": person.display_name})
    return redirect(reverse("chat:room", args=[room.pk]))
