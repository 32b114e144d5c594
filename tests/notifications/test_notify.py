import pytest
from asgiref.sync import async_to_sync
from django.core import mail
from django.core.management import call_command

from accounts.models import Role, Status
from core.realtime import user_group
from notifications import services
from notifications.models import Delivery, Kind, Notification
from notifications.registry import register_visibility
from notifications.selectors import bell_group, still_visible, unread_count
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def notify(**kwargs):
    defaults = {"kind": Kind.MENTION, "url": "/forum/t/1/x/", "title": "Protection orders in Osh"}
    return services.notify(**(defaults | kwargs))


def test_one_notification_per_recipient_and_never_to_the_actor(member, other_member, django_assert_max_num_queries):
    recipients = UserFactory.create_batch(20)
    with django_assert_max_num_queries(4):
        created = notify(recipient_ids=[u.pk for u in recipients] + [member.pk], actor=member)
    assert len(created) == 20
    assert not Notification.objects.filter(recipient=member).exists()


def test_inactive_accounts_are_not_notified():
    suspended = UserFactory(status=Status.SUSPENDED)
    applicant = UserFactory(role=Role.APPLICANT, status=Status.PENDING)
    assert notify(recipient_ids=[suspended.pk, applicant.pk]) == []


def test_only_members_allowed_to_see_the_target_are_notified(member, other_member):
    created = notify(recipient_ids=[member.pk, other_member.pk], visible_to=lambda ids: [member.pk])
    assert [n.recipient_id for n in created] == [member.pk]


def test_reactions_are_batched_into_one_unread_notification(member, other_member):
    reactor = UserFactory()
    for actor in (other_member, reactor):
        notify(kind=Kind.REACTION, recipient_ids=[member.pk], actor=actor, target=member)
    notification = Notification.objects.get(recipient=member, kind=Kind.REACTION)
    assert notification.count == 2


def test_a_notification_tells_the_members_open_bells_to_count_again(
    member, django_capture_on_commit_callbacks, channel_layer
):
    layer = channel_layer
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(bell_group(member.pk), channel)
    chat = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(user_group(member.pk), chat)
    with django_capture_on_commit_callbacks(execute=True):
        created = notify(recipient_ids=[member.pk])
    assert async_to_sync(layer.receive)(channel) == {"type": "bell.changed"}
    # The chat connection still hears of it (its "notification" frame).
    message = async_to_sync(layer.receive)(chat)
    assert message == {"type": "notification.new", "id": created[0].pk, "kind": "mention", "url": "/forum/t/1/x/"}


def test_an_immediate_email_is_neutral_and_has_no_content_by_default(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient_ids=[member.pk], excerpt="details of the case")
    email = mail.outbox[-1]
    assert email.to == [member.email]
    assert "Protection orders" not in email.subject + email.body
    assert "details of the case" not in email.body
    assert "List-Unsubscribe" in email.extra_headers


def test_a_member_who_opted_in_gets_the_content_in_the_email(django_capture_on_commit_callbacks):
    member = UserFactory(email_content_opt_in=True)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient_ids=[member.pk], excerpt="**Tom** & Jerry <b>")
    body = mail.outbox[-1].body
    # Plain text: the title in the sentence, the excerpt without markup.
    assert "Protection orders in Osh" in body and "Tom & Jerry" in body
    assert "**" not in body and "<b>" not in body


def test_kinds_set_to_a_digest_send_no_immediate_email(member, django_capture_on_commit_callbacks):
    services.preferences_update(user=member, deliveries={Kind.MENTION: Delivery.DAILY})
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient_ids=[member.pk])
    assert mail.outbox == []


def test_the_daily_digest_gathers_unread_notifications_once(member):
    services.preferences_update(user=member, deliveries={Kind.REPLY: Delivery.DAILY})
    notify(kind=Kind.REPLY, recipient_ids=[member.pk])
    notify(kind=Kind.REPLY, recipient_ids=[member.pk], url="/forum/t/2/y/")
    call_command("send_digests", "daily")
    assert len(mail.outbox) == 1
    assert "2 new notifications" in mail.outbox[0].body
    call_command("send_digests", "daily")
    assert len(mail.outbox) == 1


def test_a_notification_about_something_no_longer_visible_disappears(member):
    target = UserFactory()
    register_visibility(type(target), lambda user, ids: [])
    try:
        notify(recipient_ids=[member.pk], target=target)
        notifications = list(Notification.objects.filter(recipient=member))
        assert still_visible(member, notifications) == []
    finally:
        register_visibility(type(target), lambda user, ids: ids)


def test_unsubscribing_with_the_emailed_link_needs_no_login(client, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient_ids=[member.pk])
    link = mail.outbox[-1].extra_headers["List-Unsubscribe"].strip("<>")
    path = link.split("http://127.0.0.1:8000", 1)[1]
    assert client.post(path).status_code == 200
    assert member.notification_preferences.get(kind=Kind.MENTION).delivery == Delivery.NEVER


def test_a_forged_unsubscribe_link_is_refused(client):
    assert client.post("/notifications/unsubscribe/forged-token/").status_code == 400


def test_the_bell_counts_unread_notifications(member_client, member):
    notify(recipient_ids=[member.pk])
    assert unread_count(member) == 1
    body = member_client.get("/").content.decode()
    assert 'data-unread="1"' in body and "<span data-unread-number>1</span>" in body


def test_opening_a_notification_marks_it_read_and_goes_to_it(member_client, member):
    notification = notify(recipient_ids=[member.pk])[0]
    response = member_client.post(f"/notifications/{notification.pk}/open/")
    assert response["Location"] == "/forum/t/1/x/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_the_list_costs_the_same_queries_for_3_and_30_notifications(member_client, member, django_assert_num_queries):
    for _ in range(3):
        notify(recipient_ids=[member.pk], actor=UserFactory())
    member_client.get("/notifications/")
    with django_assert_num_queries(3):
        member_client.get("/notifications/")
    for _ in range(27):
        notify(recipient_ids=[member.pk], actor=UserFactory())
    with django_assert_num_queries(3):
        assert member_client.get("/notifications/").status_code == 200


def test_preferences_are_saved(member_client, member):
    data = dict.fromkeys(Kind.values, Delivery.NEVER)
    assert member_client.post("/notifications/settings/", data).status_code == 302
    assert member.notification_preferences.filter(delivery=Delivery.NEVER).count() == len(Kind.values)


def test_an_unknown_preference_value_is_refused_without_error(member_client):
    response = member_client.post("/notifications/settings/", {Kind.MENTION: "hourly"})
    assert response.status_code == 200


def test_moderators_hear_of_a_new_report_without_its_content(moderator, member):
    from moderation.services import report_create

    report_create(reporter=member, target=member, reason="harassment", snapshot="abusive words")
    notification = Notification.objects.get(recipient=moderator, kind=Kind.MODERATION)
    assert notification.url == "/moderation/reports/"
    assert "abusive" not in notification.title + notification.excerpt
    assert not Notification.objects.filter(recipient=member).exists()


def test_moderators_hear_of_a_new_application(client, moderator):
    from taxonomy.models import Country

    client.post(
        "/accounts/signup/",
        {
            "email": "new.applicant@example.org",
            "display_name": "New",
            "organisation": "NGO",
            "country": Country.objects.get(slug="kg").pk,
            "role_in_organisation": "Lawyer",
            "motivation": "Sharing practice",
            "password1": "a long passphrase 2026",
            "password2": "a long passphrase 2026",
        },
    )
    assert Notification.objects.filter(
        recipient=moderator, kind=Kind.MODERATION, url="/moderation/applications/"
    ).exists()


def test_a_content_warning_collapses_the_notification_and_keeps_content_out_of_email(
    django_capture_on_commit_callbacks, member_client, member
):
    member.email_content_opt_in = True
    member.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient_ids=[member.pk], excerpt="graphic details", content_warning="Sexual violence")
    body = member_client.get("/notifications/").content.decode()
    # The warning takes the excerpt's place.
    assert "Content warning: Sexual violence" in body and "graphic details" not in body
    assert "graphic details" not in mail.outbox[-1].body
