"""The moderation inbox: what it lists, in which order, and every action taken from it."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail

from accounts.models import Role, Status, User
from chat import services as chat_services
from chat.models import Room
from forum import services as forum_services
from moderation.models import AuditEntry, InboxAssignment, InboxNote, Report
from moderation.services import report_create, report_resolve
from resources.models import State
from resources.services import resource_report
from taxonomy.models import Country
from tests.factories import UserFactory
from tests.forum import factories as forum_factories
from tests.helpers import with_second_factor
from tests.resources.factories import make_resource

pytestmark = pytest.mark.django_db


def _reply_report(author, reporter, *, reason="harassment", body="You are all liars."):
    thread = forum_factories.thread(UserFactory())
    post = forum_factories.reply(thread, author, body=body)
    return post, forum_services.post_report(reporter=reporter, post=post, reason=reason)


def _applicant(country="kz", name="Aizada"):
    return UserFactory(
        role=Role.APPLICANT,
        status=Status.PENDING,
        display_name=name,
        country=Country.objects.get(slug=country),
    )


def _actions(action):
    return AuditEntry.objects.filter(action=action)


# Listing -----------------------------------------------------------------------------------


def test_the_inbox_lists_applications_reports_and_resources_in_review(moderator_client, member, other_member):
    _applicant(name="Aizada Applicant")
    _reply_report(member, other_member, body="Unkind words here")
    make_resource(author=member, title="Toolkit waiting for review")
    text = moderator_client.get("/moderation/").text
    assert "Aizada Applicant" in text
    assert "Unkind words here" in text
    assert "Toolkit waiting for review" in text


def test_reports_that_identify_a_survivor_come_first_then_the_oldest(moderator_client, member, other_member):
    _applicant(name="Oldest Applicant")
    _reply_report(member, other_member, reason="spam", body="Spam message")
    _reply_report(member, UserFactory(), reason="identifies_survivor", body="Her name and village")
    items = moderator_client.get("/moderation/").context["page"].items
    assert [item.kind for item in items] == ["report", "application", "report"]
    assert items[0].obj.reason == Report.Reason.IDENTIFIES_SURVIVOR


def test_reported_content_is_collapsed_until_the_moderator_opens_it(moderator_client, member, other_member):
    _reply_report(member, other_member, body="Graphic description")
    text = moderator_client.get("/moderation/").text
    summary_at = text.index("Show the reported content")
    assert text.index("<details", text.index("Reported by")) < summary_at < text.index("Graphic description")


def test_the_inbox_filters_by_kind(moderator_client, member, other_member):
    _applicant()
    _reply_report(member, other_member)
    items = moderator_client.get("/moderation/?kind=application").context["page"].items
    assert [item.kind for item in items] == ["application"]


def test_the_inbox_filters_items_assigned_to_me(moderator_client, moderator, member, other_member):
    applicant = _applicant()
    _reply_report(member, other_member)
    moderator_client.post(f"/moderation/inbox/application/{applicant.pk}/assignment/", {"take": "1"})
    mine = moderator_client.get("/moderation/?assigned=mine").context["page"].items
    unassigned = moderator_client.get("/moderation/?assigned=unassigned").context["page"].items
    assert [item.obj for item in mine] == [applicant]
    assert [item.kind for item in unassigned] == ["report"]


def test_the_inbox_pages_with_a_cursor(moderator_client):
    for number in range(35):
        _applicant(name=f"Applicant {number:02}")
    first = moderator_client.get("/moderation/").context["page"]
    second = moderator_client.get(f"/moderation/?after={first.next_cursor}").context["page"]
    assert len(first.items) == 30 and len(second.items) == 5
    assert not {item.obj.pk for item in first.items} & {item.obj.pk for item in second.items}


def test_each_item_shows_earlier_reports_and_actions_on_the_same_author(
    moderator_client, moderator, member, other_member
):
    _post, old = _reply_report(member, other_member, body="First time")
    report_resolve(actor=moderator, report=old, state="dismissed", reason="Borderline")
    _reply_report(member, other_member, body="Second time")
    item = moderator_client.get("/moderation/").context["page"].items[0]
    assert [report.pk for report in item.earlier_reports] == [old.pk]
    assert "report.dismissed" in [entry.action for entry in item.earlier_actions]
    assert "2 earlier entries about this member" in moderator_client.get("/moderation/").text


def test_hostile_reported_text_is_shown_as_text(moderator_client, member, other_member):
    _reply_report(member, other_member, body="<script>alert(1)</script>")
    text = moderator_client.get("/moderation/").text
    assert "<script>alert(1)</script>" not in text and "&lt;script&gt;" in text


@pytest.mark.parametrize("count", [3, 30])
def test_the_inbox_costs_the_same_number_of_queries_however_full(
    count, moderator_client, moderator, member, django_assert_num_queries
):
    for number in range(count // 3):
        applicant = _applicant(name=f"Applicant {number}")
        _reply_report(UserFactory(), member, body=f"Reported {number}")
        make_resource(author=UserFactory(), title=f"Review {number}")
        moderator_client.post(f"/moderation/inbox/application/{applicant.pk}/notes/", {"body": "Checked"})
    moderator_client.get("/moderation/")  # warm the session and content-type caches
    # 16: staff powers come from the session's record of the second factor, not from a
    # query for the authenticator.
    with django_assert_num_queries(16):
        response = moderator_client.get("/moderation/")
    assert len(response.context["page"].items) == count


# Actions on reports -----------------------------------------------------------------------


def test_dismissing_a_report_closes_it_and_is_logged(moderator_client, member, other_member):
    _post, report = _reply_report(member, other_member)
    moderator_client.post(f"/moderation/inbox/report/{report.pk}/dismiss/", {"reason": "Not a breach"})
    report.refresh_from_db()
    assert report.state == Report.State.DISMISSED
    assert _actions("report.dismissed").get().reason == "Not a breach"


def test_hiding_a_reported_post_hides_it_and_closes_the_report(moderator_client, member, other_member):
    post, report = _reply_report(member, other_member)
    moderator_client.post(f"/moderation/inbox/report/{report.pk}/hide/", {"reason": "Abusive"})
    post.refresh_from_db()
    report.refresh_from_db()
    assert post.is_hidden and report.state == Report.State.ACTIONED
    assert _actions("forum.post_hide").get().target_user == member


def test_hiding_a_reported_opening_post_hides_the_thread(moderator_client, member, other_member):
    thread = forum_factories.thread(member)
    report = forum_services.post_report(reporter=other_member, post=thread.posts.get(), reason="spam")
    moderator_client.post(f"/moderation/inbox/report/{report.pk}/hide/", {"reason": "Spam"})
    thread.refresh_from_db()
    assert thread.is_hidden
    assert _actions("forum.thread_hide").exists()


def test_deleting_a_reported_post_deletes_it(moderator_client, member, other_member):
    post, report = _reply_report(member, other_member)
    moderator_client.post(f"/moderation/inbox/report/{report.pk}/delete/", {"reason": "Doxxing"})
    post.refresh_from_db()
    report.refresh_from_db()
    assert post.is_deleted and report.state == Report.State.ACTIONED
    assert _actions("forum.post_delete").exists() and _actions("report.actioned").exists()


def test_deleting_a_reported_chat_message_removes_it(moderator_client, member, other_member):
    room = Room.objects.get(slug="prevention")
    message, _created = chat_services.message_send(sender=member, room=room, body="Nasty remark")
    report = chat_services.message_report(reporter=other_member, message=message, reason="harassment")
    moderator_client.post(f"/moderation/inbox/report/{report.pk}/delete/", {"reason": "Harassment"})
    message.refresh_from_db()
    assert message.is_deleted and _actions("chat.message_delete").exists()


def test_hiding_a_reported_resource_archives_it(moderator_client, member, other_member):
    resource = make_resource(author=UserFactory(role=Role.EXPERT))
    report = resource_report(reporter=other_member, resource=resource, reason="spam")
    moderator_client.post(f"/moderation/inbox/report/{report.pk}/hide/", {"reason": "Advertising"})
    resource.refresh_from_db()
    assert resource.state == State.ARCHIVED and _actions("resource.archive").exists()


def test_warning_the_author_sends_a_neutral_email_and_is_logged(
    moderator_client, member, other_member, django_capture_on_commit_callbacks
):
    _post, report = _reply_report(member, other_member, body="Secret words")
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(f"/moderation/inbox/report/{report.pk}/warn/", {"reason": "Please be kind."})
    warning = _actions("member.warn").get()
    assert warning.target_user == member and warning.reason == "Please be kind."
    sent = [m for m in mail.outbox if m.to == [member.email]]
    assert len(sent) == 1 and "Please be kind." in sent[0].body and "Secret words" not in sent[0].body
    assert "Secret words" not in sent[0].subject


def test_warning_needs_a_reason(moderator_client, member, other_member):
    _post, report = _reply_report(member, other_member)
    response = moderator_client.post(f"/moderation/inbox/report/{report.pk}/warn/", {"reason": ""}, follow=True)
    assert "Please give a reason" in response.text
    assert not _actions("member.warn").exists()


def test_suspending_the_author_ends_their_access_and_closes_the_report(moderator_client, member, other_member):
    _post, report = _reply_report(member, other_member)
    moderator_client.post(f"/moderation/inbox/report/{report.pk}/suspend/", {"reason": "Repeated abuse"})
    member.refresh_from_db()
    report.refresh_from_db()
    assert member.status == Status.SUSPENDED and report.state == Report.State.ACTIONED
    assert _actions("member.suspend").get().target_user == member


def test_a_moderator_cannot_suspend_another_moderator_from_a_report(moderator_client, other_member):
    colleague = UserFactory(role=Role.MODERATOR)
    _post, report = _reply_report(colleague, other_member)
    response = moderator_client.post(f"/moderation/inbox/report/{report.pk}/suspend/", {"reason": "x"})
    colleague.refresh_from_db()
    assert response.status_code == 403 and colleague.status == Status.ACTIVE


def test_a_handled_report_cannot_be_acted_on_again(moderator_client, member, other_member):
    _post, report = _reply_report(member, other_member)
    moderator_client.post(f"/moderation/inbox/report/{report.pk}/dismiss/")
    response = moderator_client.post(f"/moderation/inbox/report/{report.pk}/suspend/", {"reason": "Late"})
    assert response.status_code == 404
    member.refresh_from_db()
    assert member.status == Status.ACTIVE


# Applications and resources ---------------------------------------------------------------


def test_approving_an_application_from_the_inbox_activates_the_member(moderator_client):
    applicant = _applicant()
    moderator_client.post(f"/moderation/inbox/application/{applicant.pk}/approve/", {"role": "member"})
    applicant.refresh_from_db()
    assert applicant.status == Status.ACTIVE and _actions("application.approve").exists()


def test_declining_an_application_from_the_inbox_is_logged_with_the_reason(moderator_client):
    applicant = _applicant()
    moderator_client.post(f"/moderation/inbox/application/{applicant.pk}/reject/", {"reason": "Not an organisation"})
    applicant.refresh_from_db()
    assert applicant.status == Status.REJECTED


def test_approving_a_resource_from_the_inbox_publishes_it(moderator_client, member):
    resource = make_resource(author=member)
    moderator_client.post(f"/moderation/inbox/resource/{resource.pk}/approve/", {"reason": "Useful"})
    resource.refresh_from_db()
    assert resource.state == State.PUBLISHED and _actions("resource.approve").exists()


def test_rejecting_a_resource_from_the_inbox_needs_a_reason(moderator_client, member):
    resource = make_resource(author=member)
    moderator_client.post(f"/moderation/inbox/resource/{resource.pk}/reject/", {"reason": ""})
    resource.refresh_from_db()
    assert resource.state == State.IN_REVIEW


# Assignment and notes ---------------------------------------------------------------------


def test_assigning_an_item_to_myself_is_shown_and_logged(moderator_client, moderator):
    applicant = _applicant()
    moderator_client.post(f"/moderation/inbox/application/{applicant.pk}/assignment/", {"take": "1"})
    assert InboxAssignment.objects.get().assignee == moderator
    assert _actions("inbox.assign").get().target_user == applicant
    assert "Unassign" in moderator_client.get("/moderation/").text


def test_unassigning_puts_the_item_back_in_the_shared_queue(moderator_client, member, other_member):
    _post, report = _reply_report(member, other_member)
    moderator_client.post(f"/moderation/inbox/report/{report.pk}/assignment/", {"take": "1"})
    moderator_client.post(f"/moderation/inbox/report/{report.pk}/assignment/", {"take": "0"})
    assert not InboxAssignment.objects.exists() and _actions("inbox.unassign").exists()


def test_taking_an_item_from_a_colleague_moves_the_assignment(client, moderator):
    applicant = _applicant()
    colleague = UserFactory(role=Role.MODERATOR)
    with_second_factor(colleague, client)
    client.post(f"/moderation/inbox/application/{applicant.pk}/assignment/", {"take": "1"})
    with_second_factor(moderator, client)
    client.post(f"/moderation/inbox/application/{applicant.pk}/assignment/", {"take": "1"})
    assert InboxAssignment.objects.get().assignee == moderator


def test_an_internal_note_is_kept_on_the_item_and_logged(moderator_client, moderator):
    applicant = _applicant()
    moderator_client.post(f"/moderation/inbox/application/{applicant.pk}/notes/", {"body": "<b>Called them</b>"})
    note = InboxNote.objects.get()
    assert (note.author, note.object_id) == (moderator, applicant.pk)
    assert note.content_type == ContentType.objects.get_for_model(User)
    assert _actions("inbox.note").exists()
    text = moderator_client.get("/moderation/").text
    assert "&lt;b&gt;Called them&lt;/b&gt;" in text


def test_an_empty_note_is_refused(moderator_client):
    applicant = _applicant()
    moderator_client.post(f"/moderation/inbox/application/{applicant.pk}/notes/", {"body": "   "})
    assert not InboxNote.objects.exists()


# Who may use it ---------------------------------------------------------------------------


@pytest.mark.parametrize("action", ["dismiss", "hide", "warn", "suspend"])
def test_members_cannot_act_from_the_inbox(member_client, other_member, action):
    _post, report = _reply_report(other_member, UserFactory())
    response = member_client.post(f"/moderation/inbox/report/{report.pk}/{action}/", {"reason": "x"})
    report.refresh_from_db()
    assert response.status_code == 403 and report.state == Report.State.OPEN


def test_an_unknown_item_is_not_found(moderator_client):
    assert moderator_client.post("/moderation/inbox/report/999999/dismiss/").status_code == 404


def test_a_report_about_a_member_offers_no_hide_or_delete(moderator_client, member, other_member):
    report_create(reporter=other_member, target=member, reason="harassment", target_author=member)
    text = moderator_client.get("/moderation/").text
    assert "Warn the author" in text and ">Hide<" not in text and ">Delete<" not in text


def test_a_broken_cursor_or_filter_shows_the_first_page(moderator_client):
    applicant = _applicant()
    response = moderator_client.get("/moderation/?after=not-a-cursor&kind=<script>&assigned=everyone")
    assert response.status_code == 200
    assert [item.obj for item in response.context["page"].items] == [applicant]


def test_a_suspended_moderator_cannot_act_from_the_inbox(client):
    applicant = _applicant()
    client.force_login(UserFactory(role=Role.MODERATOR, status=Status.SUSPENDED))
    response = client.post(f"/moderation/inbox/application/{applicant.pk}/approve/", {"role": "member"})
    applicant.refresh_from_db()
    assert response.status_code == 302 and applicant.status == Status.PENDING


def test_anonymous_visitors_are_sent_to_log_in(client):
    applicant = _applicant()
    response = client.post(f"/moderation/inbox/application/{applicant.pk}/approve/", {"role": "member"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_inbox_is_translated_into_russian(moderator_client, moderator, member, other_member):
    _post, old = _reply_report(member, other_member)
    report_resolve(actor=moderator, report=old, state="dismissed")
    _reply_report(member, other_member, body="Again")
    moderator_client.cookies["django_language"] = "ru"
    text = moderator_client.get("/moderation/").text
    assert "Входящие модерации" in text and "Предупредить автора" in text
    assert "2 прежние записи об этом участнике" in text


def test_a_resource_in_review_without_a_submission_time_still_appears(moderator_client, member):
    resource = make_resource(author=member, title="Legacy submission")
    type(resource).objects.filter(pk=resource.pk).update(submitted_at=None)
    items = moderator_client.get("/moderation/?kind=resource").context["page"].items
    assert [item.obj.pk for item in items] == [resource.pk]
