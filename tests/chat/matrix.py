from chat import services
from chat.models import Room
from tests.authz import FORBIDDEN, NOT_FOUND, OK, Route, members_only, outside_scope, second_factor_first
from tests.factories import UserFactory

moderators_only = members_only("moderator")


def _open_message(users):
    room = Room.objects.get(slug="regional-exchange")
    message, _ = services.message_send(
        sender=users["owner"], room=room, body="Our shelter opens in May", client_id="m1"
    )
    return {"room": room, "message": message}


def _private(users):
    room = services.room_create(owner=users["owner"], name="Lawyers network")
    message, _ = services.message_send(sender=users["owner"], room=room, body="Court dates", client_id="p1")
    other = UserFactory()
    services.room_member_add(actor=users["owner"], room=room, member=other)
    return {"room": room, "message": message, "other": other}


def _reported_direct_message(users):
    room = services.direct_start(sender=users["owner"], recipients=[UserFactory()])
    message, _ = services.message_send(sender=users["owner"], room=room, body="Threatening words", client_id="d1")
    other = room.memberships.exclude(user=users["owner"]).get().user
    services.message_report(reporter=other, message=message, reason="harassment")
    return {"room": room, "message": message}


def _picture():
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 90, 60)).save(out, format="PNG")
    return SimpleUploadedFile("photo.png", out.getvalue(), "image/png")


def _with_photo(context):
    from chat.attachments import attachment_upload

    room = context["room"]
    owner = context["message"].sender
    attachment = attachment_upload(uploader=owner, room=room, upload=_picture())
    services.message_send(sender=owner, room=room, body=f"![p](upload:{attachment.pk})", client_id=f"a{room.pk}")
    return {**context, "attachment": attachment}


def _open_photo(users):
    return _with_photo(_open_message(users))


def _private_photo(users):
    return _with_photo(_private(users))


def _removed_photo(users):
    context = _open_photo(users)
    message = context["attachment"].__class__.objects.get(pk=context["attachment"].pk).message
    services.message_delete(actor=message.sender, message=message)
    return context


# Members outside a private room may not know it exists; moderators oversee private rooms.
# Private rooms and direct conversations belong to no country: only moderators of every
# country oversee them, not the Kyrgyzstan moderator (nor this open room's messages).
private_room = outside_scope(
    members_only(denied=NOT_FOUND, member=NOT_FOUND, expert=NOT_FOUND, moderator=OK, admin=OK), NOT_FOUND
)
# Only the sender edits; everyone else who can see the message gets 403.
sender_only = members_only(member="forbidden", expert="forbidden", moderator="forbidden", admin="forbidden")

ROUTES = [
    Route("chat:index", "/chat/", members_only()),
    Route("chat:room", "/chat/regional-exchange/", members_only(), id="get:chat:room-open"),
    Route("chat:room", lambda c: f"/chat/{c['room'].slug}/", private_room, setup=_private, id="get:chat:room-private"),
    Route(
        "chat:send",
        "/chat/regional-exchange/send/",
        members_only(),
        method="post",
        data={"body": "Greetings from Bishkek", "client_id": "matrix-1"},
    ),
    Route(
        "chat:send",
        lambda c: f"/chat/{c['room'].slug}/send/",
        private_room,
        method="post",
        data={"body": "May I join?"},
        setup=_private,
        id="post:chat:send-private",
    ),
    Route("chat:message", lambda c: f"/chat/m/{c['message'].pk}/", members_only(), setup=_open_message),
    Route(
        "chat:message",
        lambda c: f"/chat/m/{c['message'].pk}/",
        private_room,
        setup=_private,
        id="get:chat:message-private",
    ),
    Route(
        "chat:message_review",
        lambda c: f"/chat/m/{c['message'].pk}/review/",
        second_factor_first(outside_scope(moderators_only, NOT_FOUND)),
        setup=_reported_direct_message,
    ),
    Route(
        "chat:message_delete",
        lambda c: f"/chat/m/{c['message'].pk}/delete/",
        members_only(denied=NOT_FOUND, member=NOT_FOUND, expert=NOT_FOUND, scoped_moderator=NOT_FOUND),
        method="post",
        setup=_reported_direct_message,
        id="post:chat:message_delete-reported-direct",
    ),
    Route("chat:message_edit", lambda c: f"/chat/m/{c['message'].pk}/edit/", sender_only, setup=_open_message),
    Route(
        "chat:message_delete",
        lambda c: f"/chat/m/{c['message'].pk}/delete/",
        members_only(member=FORBIDDEN, expert=FORBIDDEN, scoped_moderator=FORBIDDEN),
        method="post",
        setup=_open_message,
    ),
    Route(
        "chat:message_react",
        lambda c: f"/chat/m/{c['message'].pk}/react/",
        members_only(),
        method="post",
        data={"emoji": "👍"},
        setup=_open_message,
    ),
    Route(
        "chat:message_report",
        lambda c: f"/chat/m/{c['message'].pk}/report/",
        members_only(),
        setup=_open_message,
    ),
    Route(
        "chat:message_report",
        lambda c: f"/chat/m/{c['message'].pk}/report/",
        private_room,
        method="post",
        data={"reason": "spam"},
        setup=_private,
        id="post:chat:message_report-private",
    ),
    Route("chat:room_create", "/chat/new/", members_only()),
    Route("chat:room_create", "/chat/new/", members_only(), method="post", data={"name": "Psychologists"}),
    Route(
        "chat:direct_start",
        "/chat/direct/",
        members_only(),
        method="post",
        data=lambda c: {"display_names": c["users"]["owner"].display_name},
    ),
    Route("chat:members", lambda c: f"/chat/{c['room'].slug}/members/", private_room, setup=_private),
    Route(
        "chat:members",
        "/chat/regional-exchange/members/",
        members_only(denied=NOT_FOUND, member=NOT_FOUND, expert=NOT_FOUND, moderator=NOT_FOUND, admin=NOT_FOUND),
        id="get:chat:members-open-room",
    ),
    Route(
        "chat:member_remove",
        lambda c: f"/chat/{c['room'].slug}/members/{c['other'].pk}/remove/",
        private_room,
        method="post",
        setup=_private,
    ),
    Route("chat:convert", "/chat/regional-exchange/convert/", outside_scope(moderators_only)),
    Route(
        "chat:mute",
        "/chat/regional-exchange/mute/",
        second_factor_first(outside_scope(moderators_only)),
        method="post",
        data=lambda c: {"user": c["users"]["owner"].pk, "minutes": "60"},
    ),
    Route("chat:attachment", lambda c: f"/chat/attachments/{c['attachment'].pk}/", members_only(), setup=_open_photo),
    Route(
        "chat:attachment",
        lambda c: f"/chat/attachments/{c['attachment'].pk}/",
        private_room,
        setup=_private_photo,
        id="get:chat:attachment-private",
    ),
    Route(
        "chat:attachment",
        lambda c: f"/chat/attachments/{c['attachment'].pk}/",
        members_only(member=NOT_FOUND, expert=NOT_FOUND, moderator=NOT_FOUND, admin=NOT_FOUND),
        setup=_removed_photo,
        id="get:chat:attachment-removed",
    ),
    Route(
        "chat:attachment_thumb",
        lambda c: f"/chat/attachments/{c['attachment'].pk}/thumb/",
        private_room,
        setup=_private_photo,
    ),
    Route(
        "chat:attachment_upload",
        "/chat/regional-exchange/attachments/",
        members_only(),
        method="post",
        data=lambda c: {"file": _picture()},
    ),
    Route(
        "chat:attachment_upload",
        lambda c: f"/chat/{c['room'].slug}/attachments/",
        private_room,
        method="post",
        data=lambda c: {"file": _picture()},
        setup=_private,
        id="post:chat:attachment_upload-private",
    ),
]
