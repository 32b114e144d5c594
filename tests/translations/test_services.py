import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Status
from accounts.rights import erasure_steps, export_steps
from forum import services as forum_services
from notifications.models import Kind, Notification
from tests.factories import UserFactory
from tests.forum import factories as forum
from translations import selectors, services
from translations.models import Translation, TranslationRequest

from .helpers import opening, russian_thread, speaker, translate_opening

pytestmark = pytest.mark.django_db


def test_a_member_who_lists_the_language_translates_an_opening_post():
    thread = russian_thread()
    translator = speaker("ky", display_name="Aigerim")
    translation = translate_opening(thread, translator)
    assert translation.translator == translator
    assert translation.source_language == "ru"
    assert translation.fields["title"] == "Айылдардагы коопсуздук планы"
    assert "<p>" in translation.fields_html["body"]
    assert translation.status == Translation.Status.CURRENT
    assert translation.checked_by_person


def test_a_second_translation_into_the_language_replaces_the_first():
    thread = russian_thread()
    translate_opening(thread)
    other = speaker("ky")
    translate_opening(thread, other, body="Башка котормо")
    translation = Translation.objects.get()
    assert translation.translator == other
    assert translation.fields["body"] == "Башка котормо"


@pytest.mark.parametrize(
    "make_user",
    [
        lambda: speaker("en"),  # does not list Kyrgyz
        lambda: speaker("ky", status=Status.SUSPENDED),
        lambda: speaker("ky", status=Status.PENDING),
    ],
    ids=["without-the-language", "suspended", "pending"],
)
def test_only_active_members_listing_the_language_translate(make_user):
    thread = russian_thread()
    with pytest.raises(PermissionDenied):
        translate_opening(thread, make_user(), language="ky")
    assert not Translation.objects.exists()


def test_the_original_language_cannot_be_the_target():
    thread = russian_thread()
    with pytest.raises(PermissionDenied):
        translate_opening(thread, speaker("ru"), language="ru")


def test_an_original_the_member_cannot_see_cannot_be_translated():
    category = forum.restricted_category()  # Kyrgyz partners only
    thread = russian_thread(category=category)
    outsider = speaker("ky")  # from Kazakhstan
    with pytest.raises(PermissionDenied):
        translate_opening(thread, outsider)


def test_a_hidden_post_cannot_be_translated_by_members(admin_user):
    thread = russian_thread()
    reply = forum.reply(thread, body="Ответ на русском языке о безопасности")
    forum_services.post_hide(actor=admin_user, post=reply, reason="harassment")
    with pytest.raises(PermissionDenied):
        services.translation_save(
            translator=speaker("ky"), kind_key="forum.post", object_id=reply.pk, language="ky", fields={"body": "x"}
        )


def test_hostile_input_is_cleaned_and_limited():
    thread = russian_thread()
    translation = translate_opening(
        thread, body="<script>alert(1)</script>\u202eтекст\u0000 **калың**", title="Аталыш\u202e"
    )
    assert "<script>" not in translation.fields_html["body"]
    assert "\u202e" not in translation.fields["body"] and "\u0000" not in translation.fields["body"]
    assert translation.fields["title"] == "Аталыш"
    with pytest.raises(ValidationError) as error:
        translate_opening(thread, body="ж" * 20_001)
    assert "body" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        translate_opening(thread, title="")
    assert "title" in error.value.error_dict


def test_unknown_kind_is_refused():
    with pytest.raises(ValidationError):
        services.translation_save(
            translator=speaker("ky"), kind_key="chat.message", object_id=1, language="ky", fields={}
        )


def test_editing_the_original_marks_its_translation_outdated():
    thread = russian_thread()
    translation = translate_opening(thread)
    post = opening(thread)
    forum_services.post_edit(editor=post.author, post=post, body="Новый текст о безопасности в сёлах")
    translation.refresh_from_db()
    assert translation.status == Translation.Status.OUTDATED
    shown = selectors.translations_for("forum.post", [post.__class__.objects.get(pk=post.pk)], "ky")
    assert shown[post.pk].is_outdated
    # Updating the translation makes it current again.
    translate_opening(thread)
    translation.refresh_from_db()
    assert translation.status == Translation.Status.CURRENT


def test_editing_the_thread_title_outdates_the_opening_translation():
    thread = russian_thread()
    translation = translate_opening(thread)
    post = opening(thread)
    forum_services.post_edit(editor=post.author, post=post, body=post.body, title="Новое название темы")
    translation.refresh_from_db()
    assert translation.status == Translation.Status.OUTDATED


def test_translations_follow_the_original_visibility(admin_user):
    thread = russian_thread()
    translation = translate_opening(thread)
    reader = speaker("ky")
    assert selectors.translation_get(reader, translation.pk)[0] == translation
    forum_services.thread_hide(actor=admin_user, thread=thread, reason="identifies a survivor")
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.translation_get(reader, translation.pk)
    assert selectors.translation_get(admin_user, translation.pk)[0] == translation


def test_a_hidden_translation_is_not_shown_and_can_be_restored(admin_user):
    thread = russian_thread()
    translation = translate_opening(thread)
    services.translation_hide(actor=admin_user, translation=translation, reason="wrong")
    assert selectors.translations_for("forum.post", [opening(thread)], "ky") == {}
    with pytest.raises(PermissionDenied):
        services.translation_restore(actor=speaker("ky"), translation=translation)
    services.translation_restore(actor=admin_user, translation=translation)
    assert opening(thread).pk in selectors.translations_for("forum.post", [opening(thread)], "ky")


def test_the_requester_and_watchers_are_notified_when_the_translation_is_published():
    thread = russian_thread()
    requester = UserFactory()
    watcher = UserFactory()
    forum_services.thread_watch(user=watcher, thread=thread, watch=True)
    services.request_create(requester=requester, kind_key="forum.post", object_id=opening(thread).pk, language="ky")
    translator = speaker("ky")
    assert [row["object_id"] for row in selectors.open_requests(translator)] == [opening(thread).pk]
    translate_opening(thread, translator)
    notified = set(Notification.objects.filter(kind=Kind.TRANSLATION).values_list("recipient_id", flat=True))
    assert {requester.pk, watcher.pk} <= notified
    assert translator.pk not in notified
    assert TranslationRequest.objects.get().fulfilled_at is not None
    assert selectors.open_requests(translator) == []


def test_requests_are_listed_only_to_members_who_may_see_the_original():
    category = forum.restricted_category()
    thread = russian_thread(category=category)
    from taxonomy.models import Country

    kg = Country.objects.get(slug="kg")
    services.request_create(
        requester=UserFactory(country=kg), kind_key="forum.post", object_id=opening(thread).pk, language="en"
    )
    assert selectors.open_requests(speaker("en", country=kg))
    assert selectors.open_requests(speaker("en")) == []  # from Kazakhstan


def test_a_request_into_the_original_language_is_refused():
    thread = russian_thread()
    with pytest.raises(ValidationError):
        services.request_create(
            requester=UserFactory(), kind_key="forum.post", object_id=opening(thread).pk, language="ru"
        )


def test_export_holds_the_members_translations_and_requests():
    thread = russian_thread()
    translator = speaker("ky")
    translate_opening(thread, translator)
    services.request_create(requester=translator, kind_key="forum.post", object_id=opening(thread).pk, language="en")
    step = next(step for step in export_steps() if step.key == "translations")
    part = step.run(translator)
    assert part.data["translations"][0]["fields"]["title"] == "Айылдардагы коопсуздук планы"
    assert part.data["requests"][0]["language"] == "en"


@pytest.mark.parametrize("erase", [False, True])
def test_account_deletion_anonymises_or_erases_translations(erase):
    thread = russian_thread()
    translator = speaker("ky")
    translation = translate_opening(thread, translator)
    services.request_create(requester=translator, kind_key="forum.post", object_id=opening(thread).pk, language="en")
    step = next(step for step in erasure_steps() if step.key == "translations")
    step.run(user=translator, erase=erase)
    assert not TranslationRequest.objects.exists()
    if erase:
        assert not Translation.objects.exists()
    else:
        translation.refresh_from_db()
        assert translation.translator is None and translation.translator_name == ""


def test_a_translation_can_be_reported_and_hidden_through_moderation(admin_user):
    from moderation import services as moderation

    thread = russian_thread()
    translation = translate_opening(thread)
    report = services.translation_report(reporter=UserFactory(), translation=translation, reason="other")
    moderation.inbox_report_act(actor=admin_user, report=report, action="hide", reason="inaccurate")
    translation.refresh_from_db()
    assert translation.is_hidden


def test_hiding_a_translation_through_a_report_is_audited_as_its_own_action(admin_user):
    from moderation import services as moderation
    from moderation.audit import AuditAction
    from moderation.models import AuditEntry

    translation = translate_opening(russian_thread())
    report = services.translation_report(reporter=UserFactory(), translation=translation, reason="other")
    moderation.inbox_report_act(actor=admin_user, report=report, action="hide", reason="inaccurate")
    entry = AuditEntry.objects.get(action=AuditAction.TRANSLATION_HIDE)
    assert (entry.actor, entry.target_user, entry.reason) == (admin_user, translation.translator, "inaccurate")
    assert entry.target_id == str(translation.pk)
    assert entry.get_action_display() == "Translation hidden"
    assert AuditEntry.objects.filter(action=AuditAction.REPORT_ACTIONED).exists()


def test_showing_again_and_deleting_a_translation_are_audited(admin_user):
    from moderation.audit import AuditAction
    from moderation.models import AuditEntry

    translation = translate_opening(russian_thread())
    services.translation_hide(actor=admin_user, translation=translation, reason="checking")
    services.translation_restore(actor=admin_user, translation=translation, reason="fine")
    services.translation_delete(actor=admin_user, translation=translation, reason="duplicate")
    assert list(AuditEntry.objects.order_by("pk").values_list("action", "reason")) == [
        (AuditAction.TRANSLATION_HIDE, "checking"),
        (AuditAction.TRANSLATION_UNHIDE, "fine"),
        (AuditAction.TRANSLATION_DELETE, "duplicate"),
    ]
