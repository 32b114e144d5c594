from accounts.export_delivery import data_export_build, data_export_request
from accounts.services import invitation_create
from tests.authz import LOGIN, NOT_FOUND, OK, STATUS, Route, members_only


def _invitation(users):
    invitation, token = invitation_create(actor=users["admin"], email="newcomer@example.org")
    return {"token": token}


def _member_archive(users):
    token = data_export_request(member=users["member"])
    data_export_build(user_id=users["member"].pk, token=token)
    return {"token": token}


ROUTES = [
    # Anyone may open a valid invitation; logged-in people are sent back to the dashboard.
    Route(
        "accounts:invitation",
        lambda c: f"/accounts/invite/{c['token']}/",
        {
            "anonymous": OK,
            "member": OK,
            "suspended": STATUS,
            "moderator": OK,
            "staff_no_2fa": OK,
            "scoped_moderator": OK,
        },
        setup=_invitation,
    ),
    Route(
        "accounts:status",
        "/accounts/status/",
        {
            "anonymous": LOGIN,
            "pending": OK,
            "suspended": OK,
            "rejected": OK,
            "member": OK,
            "admin": OK,
            "staff_no_2fa": OK,
            "scoped_moderator": OK,
        },
    ),
    Route("accounts:profile", "/accounts/profile/", members_only()),
    Route("accounts:privacy_choice", "/accounts/privacy/", members_only()),
    # The browser's guess of the member's time zone (stored only while none was chosen).
    Route(
        "accounts:time_zone_guess",
        "/accounts/time-zone/",
        members_only(),
        method="post",
        data={"time_zone": "Asia/Bishkek"},
    ),
    Route("accounts:export", "/accounts/export/", members_only()),
    # A finished data archive: its owner downloads it, anyone else finds nothing.
    Route(
        "accounts:export_download",
        lambda c: f"/accounts/export/{c['token']}/",
        members_only(expert=NOT_FOUND, moderator=NOT_FOUND, admin=NOT_FOUND, staff_no_2fa=NOT_FOUND),
        setup=_member_archive,
    ),
    # Members are first asked to confirm their password (allauth's reauthentication).
    Route("accounts:delete", "/accounts/delete/", members_only()),
    Route("members:directory", "/members/", members_only()),
    Route("members:detail", lambda c: f"/members/{c['users']['owner'].pk}/", members_only()),
    Route("members:autocomplete", "/members/autocomplete/?q=Mem", members_only()),
]
