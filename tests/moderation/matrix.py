from accounts.models import Role, Status
from accounts.services import invitation_create
from moderation.services import report_create
from tests.authz import MFA, NOT_FOUND, Route, members_only, outside_scope
from tests.factories import UserFactory

# Staff whose session has not completed the second factor are sent to it.
moderators_only = members_only("moderator", staff_no_2fa=MFA)
admins_only = members_only("admin", staff_no_2fa=MFA)
# The applicant, members and reported content here are Kazakhstan's: to the Kyrgyzstan
# moderator they do not exist.
moderators_in_scope = outside_scope(moderators_only, NOT_FOUND)


def _applicant(users):
    return {"applicant": UserFactory(role=Role.APPLICANT, status=Status.PENDING)}


def _invitation(users):
    invitation, _token = invitation_create(actor=users["admin"], email="invitee@example.org")
    return {"invitation": invitation}


def _report(users):
    owner = users["owner"]
    return {"report": report_create(reporter=owner, target=owner, reason="spam", snapshot="spam text")}


ROUTES = [
    Route("moderation:home", "/moderation/", moderators_only),
    Route("moderation:applications", "/moderation/applications/", moderators_only),
    Route(
        "moderation:application_decide",
        lambda c: f"/moderation/applications/{c['applicant'].pk}/approve/",
        moderators_in_scope,
        method="post",
        data={"role": "member"},
        setup=_applicant,
    ),
    Route("moderation:invitations", "/moderation/invitations/", moderators_only),
    Route(
        "moderation:invitation_revoke",
        lambda c: f"/moderation/invitations/{c['invitation'].pk}/revoke/",
        moderators_only,
        method="post",
        setup=_invitation,
    ),
    Route("moderation:members", "/moderation/members/", moderators_only),
    Route("moderation:member", lambda c: f"/moderation/members/{c['users']['owner'].pk}/", moderators_in_scope),
    Route(
        "moderation:member_action",
        lambda c: f"/moderation/members/{c['users']['owner'].pk}/suspend/",
        moderators_in_scope,
        method="post",
        data={"reason": "abusive messages"},
    ),
    Route("moderation:reports", "/moderation/reports/", moderators_only),
    Route(
        "moderation:report_resolve",
        lambda c: f"/moderation/reports/{c['report'].pk}/resolve/",
        moderators_in_scope,
        method="post",
        data={"state": "dismissed"},
        setup=_report,
    ),
    Route("moderation:audit", "/moderation/audit/", moderators_only),
    Route("moderation:audit_export", "/moderation/audit/export.csv", admins_only),
    Route(
        "moderation:inbox_action",
        lambda c: f"/moderation/inbox/report/{c['report'].pk}/dismiss/",
        moderators_in_scope,
        method="post",
        setup=_report,
    ),
    Route(
        "moderation:inbox_assign",
        lambda c: f"/moderation/inbox/application/{c['applicant'].pk}/assignment/",
        moderators_in_scope,
        method="post",
        data={"take": "1"},
        setup=_applicant,
    ),
    Route(
        "moderation:inbox_note",
        lambda c: f"/moderation/inbox/application/{c['applicant'].pk}/notes/",
        moderators_in_scope,
        method="post",
        data={"body": "Called the organisation to confirm."},
        setup=_applicant,
    ),
    Route(
        "moderation:member_countries",
        lambda c: f"/moderation/members/{c['users']['moderator'].pk}/countries/",
        admins_only,
        method="post",
        data={"countries": []},
    ),
]
