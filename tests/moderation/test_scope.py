"""Per-country moderators see and act only on their countries; global moderators on all."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import Role, Status
from chat import services as chat_services
from chat.models import Room
from forum import services as forum_services
from moderation import services
from moderation.models import AuditEntry, Report
from taxonomy.models import Country
from tests.factories import UserFactory
from tests.forum import factories as forum_factories
from tests.helpers import reauthenticated, with_second_factor
from tests.resources.factories import make_resource, terms

pytestmark = pytest.mark.django_db


def _country(slug):
    return Country.objects.get(slug=slug)


def _scoped_moderator(*slugs):
    moderator = UserFactory(role=Role.MODERATOR, country=_country(slugs[0]))
    moderator.moderated_countries.set([_country(s) for s in slugs])
    return moderator


@pytest.fixture
def kz_client(client):
    with_second_factor(_scoped_moderator("kz"), client)
    return client


def _applicant(country):
    return UserFactory(role=Role.APPLICANT, status=Status.PENDING, country=_country(country))


def _forum_report(country):
    category = forum_factories.restricted_category(countries=(country,), slug=f"{country}-partners")
    author = UserFactory(country=_country(country))
    thread = forum_factories.thread(author, category=category)
    post = forum_factories.reply(thread, author, body=f"Reply in {country}")
    return forum_services.post_report(reporter=UserFactory(country=_country(country)), post=post, reason="spam")


def _chat_report(country):
    room = Room.objects.get(kind=Room.Kind.COUNTRY, country__slug=country)
    sender = UserFactory(country=_country(country))
    message, _created = chat_services.message_send(sender=sender, room=room, body=f"Message in {country}")
    reporter = UserFactory(country=_country(country))
    return chat_services.message_report(reporter=reporter, message=message, reason="harassment")


def _inbox_objects(client):
    return {(item.kind, item.obj.pk) for item in client.get("/moderation/").context["page"].items}


def test_a_kz_moderator_sees_kz_applications_but_not_kg_ones(kz_client):
    kz, kg = _applicant("kz"), _applicant("kg")
    seen = _inbox_objects(kz_client)
    assert ("application", kz.pk) in seen and ("application", kg.pk) not in seen


def test_a_kz_moderator_cannot_approve_a_kg_application(kz_client):
    kg = _applicant("kg")
    response = kz_client.post(f"/moderation/inbox/application/{kg.pk}/approve/", {"role": "member"})
    kg.refresh_from_db()
    assert response.status_code == 404 and kg.status == Status.PENDING


def test_a_kz_moderator_cannot_use_the_older_application_page_for_a_kg_application(kz_client):
    kg = _applicant("kg")
    response = kz_client.post(f"/moderation/applications/{kg.pk}/approve/", {"role": "member"})
    assert response.status_code == 404
    assert kg.email not in kz_client.get("/moderation/applications/").text


def test_a_kz_moderator_sees_reports_from_kz_categories_only(kz_client):
    kz, kg = _forum_report("kz"), _forum_report("kg")
    seen = _inbox_objects(kz_client)
    assert ("report", kz.pk) in seen and ("report", kg.pk) not in seen


def test_a_kz_moderator_cannot_hide_a_post_reported_in_a_kg_category(kz_client):
    report = _forum_report("kg")
    response = kz_client.post(f"/moderation/inbox/report/{report.pk}/hide/", {"reason": "Abusive"})
    report.refresh_from_db()
    assert response.status_code == 404 and report.state == Report.State.OPEN
    assert not report.target.is_hidden


def test_a_kz_moderator_cannot_dismiss_a_kg_report_on_the_older_reports_page(kz_client):
    report = _forum_report("kg")
    assert kz_client.post(f"/moderation/reports/{report.pk}/resolve/", {"state": "dismissed"}).status_code == 404


def test_a_kz_moderator_sees_reports_from_the_kz_chat_room_only(kz_client):
    kz, kg = _chat_report("kz"), _chat_report("kg")
    seen = _inbox_objects(kz_client)
    assert ("report", kz.pk) in seen and ("report", kg.pk) not in seen


def test_a_kz_moderator_cannot_assign_or_annotate_a_kg_item(kz_client):
    report = _chat_report("kg")
    assert kz_client.post(f"/moderation/inbox/report/{report.pk}/assignment/", {"take": "1"}).status_code == 404
    assert kz_client.post(f"/moderation/inbox/report/{report.pk}/notes/", {"body": "x"}).status_code == 404


def test_a_kz_moderator_sees_resources_in_review_tagged_with_kz_only(kz_client):
    kz = make_resource(author=UserFactory(), countries=terms(Country, "kz"))
    kg = make_resource(author=UserFactory(), countries=terms(Country, "kg"))
    seen = _inbox_objects(kz_client)
    assert ("resource", kz.pk) in seen and ("resource", kg.pk) not in seen


def test_a_kz_moderator_manages_only_kz_members(kz_client):
    kg_member = UserFactory(country=_country("kg"))
    assert kz_client.get(f"/moderation/members/{kg_member.pk}/").status_code == 404
    response = kz_client.post(f"/moderation/members/{kg_member.pk}/suspend/", {"reason": "x"})
    kg_member.refresh_from_db()
    assert response.status_code == 404 and kg_member.status == Status.ACTIVE


def test_a_moderator_of_two_countries_sees_both(client):
    with_second_factor(_scoped_moderator("kz", "kg"), client)
    kz, kg, tj = _applicant("kz"), _applicant("kg"), _applicant("tj")
    seen = _inbox_objects(client)
    assert {("application", kz.pk), ("application", kg.pk)} <= seen and ("application", tj.pk) not in seen


def test_a_global_moderator_sees_every_country(moderator_client):
    kz, kg = _applicant("kz"), _applicant("kg")
    assert {("application", kz.pk), ("application", kg.pk)} <= _inbox_objects(moderator_client)


def test_the_service_refuses_an_out_of_scope_item_whoever_calls_it():
    moderator = _scoped_moderator("kz")
    report = _forum_report("kg")
    with pytest.raises(PermissionDenied):
        services.inbox_report_act(actor=moderator, report=report, action="dismiss")


def test_an_admin_scopes_a_moderator_to_countries_and_it_is_logged(client, admin_user):
    moderator = UserFactory(role=Role.MODERATOR)
    reauthenticated(client, admin_user)
    kz = _country("kz")
    client.post(f"/moderation/members/{moderator.pk}/countries/", {"countries": [kz.pk]})
    assert list(moderator.moderated_countries.all()) == [kz]
    entry = AuditEntry.objects.get(action="member.moderated_countries")
    assert entry.target_user == moderator and entry.data == {"from": [], "to": ["kz"]}


def test_a_moderator_cannot_change_anyones_countries(moderator_client):
    colleague = UserFactory(role=Role.MODERATOR)
    response = moderator_client.post(f"/moderation/members/{colleague.pk}/countries/", {"countries": []})
    assert response.status_code == 403


def test_only_moderators_can_be_scoped(client, admin_user, member):
    reauthenticated(client, admin_user)
    client.post(f"/moderation/members/{member.pk}/countries/", {"countries": [_country("kz").pk]})
    assert not member.moderated_countries.exists()


def test_scoping_asks_an_admin_for_the_password_first(client, admin_user):
    moderator = UserFactory(role=Role.MODERATOR)
    with_second_factor(admin_user, client)
    response = client.post(f"/moderation/members/{moderator.pk}/countries/", {"countries": [_country("kz").pk]})
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert not moderator.moderated_countries.exists()


def test_the_scope_form_is_shown_to_admins_on_a_moderators_page(client, admin_user):
    moderator = UserFactory(role=Role.MODERATOR)
    with_second_factor(admin_user, client)
    assert "Countries this moderator looks after" in client.get(f"/moderation/members/{moderator.pk}/").text


def test_a_report_notifies_global_moderators_and_those_of_its_country_only():
    from notifications.models import Notification

    kz_moderator, kg_moderator = _scoped_moderator("kz"), _scoped_moderator("kg")
    everywhere = UserFactory(role=Role.MODERATOR)
    _forum_report("kg")
    notified = set(Notification.objects.filter(kind="moderation").values_list("recipient_id", flat=True))
    assert kg_moderator.pk in notified and everywhere.pk in notified
    assert kz_moderator.pk not in notified


def test_a_moderators_page_says_which_countries_they_look_after(moderator_client):
    scoped = _scoped_moderator("kz")
    everywhere = UserFactory(role=Role.MODERATOR)
    assert "Kazakhstan" in moderator_client.get(f"/moderation/members/{scoped.pk}/").text
    assert "All countries" in moderator_client.get(f"/moderation/members/{everywhere.pk}/").text


def test_a_scoped_moderator_sees_thread_tools_in_their_countries(kz_client):
    category = forum_factories.restricted_category(countries=("kz",), slug="kz-partners")
    thread = forum_factories.thread(UserFactory(country=_country("kz")), category=category)
    page = kz_client.get(thread.get_absolute_url(), follow=True)
    assert page.status_code == 200 and "Moderate this thread" in page.text


def test_another_countrys_category_does_not_exist_for_a_scoped_moderator(kz_client):
    category = forum_factories.restricted_category(countries=("kg",), slug="kg-partners")
    thread = forum_factories.thread(UserFactory(country=_country("kg")), category=category)
    assert kz_client.get(thread.get_absolute_url(), follow=True).status_code == 404
