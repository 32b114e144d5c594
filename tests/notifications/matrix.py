from notifications.emails import unsubscribe_token
from notifications.services import notify
from tests.authz import NOT_FOUND, Route, members_only, public


def _notification(users):
    owner = users["owner"]
    created = notify(kind="mention", recipient_ids=[owner.pk], url="/forum/", title="t")
    return {"notification": created[0], "token": unsubscribe_token(owner.pk, "mention")}


ROUTES = [
    Route("notifications:list", "/notifications/", members_only()),
    Route("notifications:preferences", "/notifications/settings/", members_only()),
    Route("notifications:read_all", "/notifications/read-all/", members_only(), method="post"),
    # Someone else's notification is not found for anyone.
    Route(
        "notifications:open",
        lambda c: f"/notifications/{c['notification'].pk}/open/",
        members_only(denied=NOT_FOUND)
        | dict.fromkeys(["member", "expert", "moderator", "admin", "staff_no_2fa", "scoped_moderator"], NOT_FOUND),
        method="post",
        setup=_notification,
    ),
    # The signed link is the credential: anyone holding it may unsubscribe that one address.
    Route(
        "notifications:unsubscribe",
        lambda c: f"/notifications/unsubscribe/{c['token']}/",
        public(),
        setup=_notification,
    ),
]
