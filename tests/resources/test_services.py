import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from moderation.models import AuditEntry, Report
from resources import services
from resources.models import FileVersion, Resource, State

from .factories import make_resource, pdf_upload, upload

pytestmark = pytest.mark.django_db


def test_an_expert_publishes_directly(expert):
    resource = make_resource(author=expert)
    assert resource.state == State.PUBLISHED
    assert resource.published_at is not None


def test_a_member_submission_waits_for_review(member):
    resource = make_resource(author=member)
    assert resource.state == State.IN_REVIEW
    assert resource.published_at is None


def test_a_draft_stays_a_draft_until_submitted(member):
    resource = make_resource(author=member, submit=False)
    assert resource.state == State.DRAFT
    resource = services.resource_submit(actor=member, resource=resource)
    assert resource.state == State.IN_REVIEW


def test_the_description_is_stored_as_sanitised_html(expert):
    resource = make_resource(author=expert, description="**bold** <script>alert(1)</script>")
    assert "<strong>bold</strong>" in resource.description_html
    assert "<script>" not in resource.description_html


def test_a_resource_keeps_its_uploader_name_after_the_account_is_deleted(expert):
    resource = make_resource(author=expert)
    expert.delete()
    resource.refresh_from_db()
    assert resource.uploader is None
    assert resource.uploader_name == str(expert)


def test_submitting_without_a_file_or_link_is_refused(member):
    with pytest.raises(ValidationError) as error:
        make_resource(author=member, uploads=[])
    assert error.value.code == "no_content"
    assert not Resource.objects.exists()


def test_an_external_link_is_enough_without_files(expert):
    resource = make_resource(author=expert, uploads=[], external_url="https://example.org/report")
    assert resource.state == State.PUBLISHED
    assert not resource.has_files


def test_a_rejected_file_leaves_no_resource_and_no_stored_file(member, settings):
    hostile = upload("report.pdf", b"MZ\x90\x00 this is a program")
    with pytest.raises(ValidationError):
        make_resource(author=member, uploads=[pdf_upload(), hostile])
    assert not Resource.objects.exists()
    assert not FileVersion.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_a_file_records_size_type_and_sha256(expert):
    resource = make_resource(author=expert)
    version = FileVersion.objects.get(file__resource=resource)
    assert version.kind == "pdf"
    assert version.content_type == "application/pdf"
    assert version.size == version.content.size
    assert len(version.sha256) == 64


def test_files_are_stored_under_random_names(expert):
    resource = make_resource(author=expert, uploads=[pdf_upload(name="Aigul's case notes.pdf")])
    version = FileVersion.objects.get(file__resource=resource)
    assert "Aigul" not in version.content.name
    assert version.original_name == "Aigul's case notes.pdf"


def test_a_new_version_keeps_the_old_one(expert):
    resource = make_resource(author=expert)
    item = resource.files.get()
    services.file_version_add(actor=expert, item=item, upload=pdf_upload(title="Second edition"))
    assert list(item.versions.values_list("number", flat=True)) == [2, 1]


def test_another_member_cannot_add_a_version(expert, other_member):
    resource = make_resource(author=expert)
    with pytest.raises(PermissionDenied):
        services.file_version_add(actor=other_member, item=resource.files.get(), upload=pdf_upload())


def test_a_file_can_be_added_to_a_resource(expert):
    resource = make_resource(author=expert, uploads=[], external_url="https://example.org/x")
    services.resource_file_add(actor=expert, resource=resource, upload=pdf_upload(), label="Annex")
    resource.refresh_from_db()
    assert resource.has_files
    assert resource.files.get().label == "Annex"


def test_a_moderator_approves_and_the_submitter_is_told(member, moderator, django_capture_on_commit_callbacks):
    resource = make_resource(author=member)
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_approve(actor=moderator, resource=resource)
    resource.refresh_from_db()
    assert resource.state == State.PUBLISHED
    assert AuditEntry.objects.filter(action="resource.approve", target_id=str(resource.pk)).exists()
    assert [message.to for message in mail.outbox] == [[member.email]]
    assert resource.title not in mail.outbox[0].subject


def test_a_rejection_needs_a_reason(member, moderator):
    resource = make_resource(author=member)
    with pytest.raises(ValidationError) as error:
        services.resource_reject(actor=moderator, resource=resource, reason="  ")
    assert error.value.code == "reason_required"


def test_a_rejection_is_audited_with_its_reason(member, moderator):
    resource = make_resource(author=member)
    services.resource_reject(actor=moderator, resource=resource, reason="Contains a survivor's name")
    resource.refresh_from_db()
    assert resource.state == State.REJECTED
    entry = AuditEntry.objects.get(action="resource.reject")
    assert entry.reason == "Contains a survivor's name"
    assert entry.target_user == member


def test_sending_back_for_changes_makes_it_a_draft_with_the_note(member, moderator):
    resource = make_resource(author=member)
    services.resource_request_changes(actor=moderator, resource=resource, reason="Please add the year")
    resource.refresh_from_db()
    assert resource.state == State.DRAFT
    assert resource.review_note == "Please add the year"
    assert AuditEntry.objects.filter(action="resource.request_changes").exists()


def test_a_member_cannot_approve(member, other_member):
    resource = make_resource(author=member)
    with pytest.raises(PermissionDenied):
        services.resource_approve(actor=other_member, resource=resource)


def test_an_already_published_resource_cannot_be_approved_again(expert, moderator):
    resource = make_resource(author=expert)
    with pytest.raises(ValidationError) as error:
        services.resource_approve(actor=moderator, resource=resource)
    assert error.value.code == "not_in_review"


def test_a_member_cannot_edit_their_resource_in_review(member):
    resource = make_resource(author=member)
    with pytest.raises(PermissionDenied):
        services.resource_update(actor=member, resource=resource, data={"title": "Changed"})


def test_a_moderator_edit_is_audited(expert, moderator):
    resource = make_resource(author=expert)
    services.resource_update(actor=moderator, resource=resource, data={"title": "Better title"})
    assert AuditEntry.objects.filter(action="resource.edit").exists()


def test_a_moderator_archive_is_audited_and_resolves_reports(expert, member, moderator):
    resource = make_resource(author=expert)
    services.resource_report(reporter=member, resource=resource, reason="spam")
    services.resource_archive(actor=moderator, resource=resource, reason="Duplicate")
    resource.refresh_from_db()
    assert resource.state == State.ARCHIVED
    assert AuditEntry.objects.filter(action="resource.archive", reason="Duplicate").exists()
    assert Report.objects.get().state == Report.State.ACTIONED


def test_a_download_is_counted_on_the_version_and_the_resource(expert):
    resource = make_resource(author=expert)
    version = FileVersion.objects.get(file__resource=resource)
    services.version_download_record(version=version)
    version.refresh_from_db()
    resource.refresh_from_db()
    assert version.download_count == 1
    assert resource.download_count == 1


def test_translations_link_both_ways(expert):
    english = make_resource(author=expert, title="Toolkit")
    russian = make_resource(author=expert, title="Пособие", translations=[english])
    assert list(english.translations.all()) == [russian]


def test_discussing_without_the_forum_says_so(expert, member, monkeypatch):
    import sys

    resource = make_resource(author=expert)
    monkeypatch.setitem(sys.modules, "forum.services", None)
    with pytest.raises(ValidationError) as error:
        services.resource_discuss(actor=member, resource=resource)
    assert error.value.code == "forum_unavailable"


def test_discussing_opens_the_forum_thread_tied_to_the_resource(expert, member):
    forum_services = pytest.importorskip("forum.services", reason="the forum app is not there yet")
    if not hasattr(forum_services, "thread_for_subject"):
        pytest.skip("forum.services.thread_for_subject does not exist yet")
    resource = make_resource(author=expert)
    first = services.resource_discuss(actor=member, resource=resource)
    again = services.resource_discuss(actor=member, resource=resource)
    assert first.pk == again.pk


def test_the_submitter_gets_a_notification_of_the_decision(member, moderator):
    from notifications.models import Notification

    resource = make_resource(author=member)
    services.resource_reject(actor=moderator, resource=resource, reason="Out of scope")
    notification = Notification.objects.get(recipient=member)
    assert notification.kind == "resource_decision"
    assert notification.url == resource.get_absolute_url()


def test_members_following_a_theme_hear_of_a_new_resource(expert, member, other_member):
    from notifications.models import Notification
    from taxonomy.models import Theme

    member.expertise.set(Theme.objects.filter(slug="domestic-ipv"))
    other_member.expertise.set(Theme.objects.filter(slug="femicide"))
    make_resource(author=expert, themes=list(Theme.objects.filter(slug="domestic-ipv")))
    assert list(Notification.objects.values_list("recipient_id", "kind")) == [(member.pk, "resource_match")]


def test_nobody_hears_of_a_resource_still_in_review(member, other_member):
    from notifications.models import Notification
    from taxonomy.models import Theme

    other_member.expertise.set(Theme.objects.filter(slug="domestic-ipv"))
    make_resource(author=member, themes=list(Theme.objects.filter(slug="domestic-ipv")))
    assert not Notification.objects.exists()


def test_a_moderator_restores_an_archived_resource(expert, moderator):
    resource = make_resource(author=expert)
    services.resource_archive(actor=moderator, resource=resource, reason="Outdated")
    services.resource_restore(actor=moderator, resource=resource, reason="Still in use")
    resource.refresh_from_db()
    assert resource.state == State.PUBLISHED
    assert AuditEntry.objects.filter(action="resource.restore", reason="Still in use").exists()


def test_an_expert_cannot_restore_their_archived_resource(expert):
    resource = make_resource(author=expert)
    services.resource_archive(actor=expert, resource=resource)
    with pytest.raises(PermissionDenied):
        services.resource_restore(actor=expert, resource=resource)


def test_moderators_hear_of_a_new_submission(member, moderator):
    from notifications.models import Notification

    make_resource(author=member)
    notification = Notification.objects.get(recipient=moderator)
    assert notification.kind == "moderation"
    assert notification.url == "/resources/review/"
