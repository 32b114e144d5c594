"""Forum drafts: kept on the server for their author alone, where they may post, and gone
when the thread or reply is published."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from accounts.models import Role, Status
from forum import selectors, services
from forum.models import Category, Draft, Post, Thread
from taxonomy.models import Country
from tests.factories import UserFactory
from tests.forum import factories

pytestmark = pytest.mark.django_db

AUTOSAVE = "/forum/drafts/save/"


def _thread_draft(author, body="Half a thought", **kwargs):
    kwargs.setdefault("category", factories.category())
    return services.draft_save(author=author, kind=Draft.Kind.THREAD, body=body, **kwargs)


def _reply_draft(author, thread, body="A reply in progress"):
    return services.draft_save(author=author, kind=Draft.Kind.REPLY, thread=thread, body=body)


# Services --------------------------------------------------------------------------------


def test_a_draft_is_saved_restored_and_updated_in_place(member):
    category = factories.category()
    _thread_draft(member, title="Shelters", body="First words", content_warning="violence", language="ru")
    _thread_draft(member, title="Shelters in winter", body="More words", content_warning="violence", language="ru")
    draft = selectors.draft_for(member, kind=Draft.Kind.THREAD, category=category)
    assert (draft.title, draft.body, draft.content_warning, draft.language) == (
        "Shelters in winter",
        "More words",
        "violence",
        "ru",
    )
    assert Draft.objects.count() == 1
    assert not Thread.objects.exists()  # a draft is never published


def test_a_draft_keeps_a_title_too_short_to_publish(member):
    draft = _thread_draft(member, title="Hi", body="")
    assert draft.title == "Hi"


def test_an_emptied_draft_is_discarded(member):
    _thread_draft(member)
    assert _thread_draft(member, body="   ") is None
    assert not Draft.objects.exists()


def test_discarding_removes_only_that_place(member, other_member):
    thread = factories.thread(other_member)
    _thread_draft(member)
    _reply_draft(member, thread)
    assert services.draft_discard(author=member, kind=Draft.Kind.REPLY, thread=thread)
    assert list(Draft.objects.values_list("kind", flat=True)) == ["thread"]


def test_choosing_another_category_moves_the_draft(member):
    _thread_draft(member, category=factories.category("prevention"))
    _thread_draft(member, category=factories.category("youth"), moved_from=factories.category("prevention"))
    assert list(Draft.objects.values_list("category__slug", flat=True)) == ["youth"]


def test_publishing_a_thread_deletes_its_draft_and_no_other(member, other_member):
    _thread_draft(member)
    _thread_draft(member, category=factories.category("youth"))
    _thread_draft(other_member)
    factories.thread(member, category_slug="prevention")
    remaining = set(Draft.objects.values_list("author_id", "category__slug"))
    assert remaining == {(member.pk, "youth"), (other_member.pk, "prevention")}


def test_publishing_a_reply_deletes_its_draft(member, other_member):
    thread = factories.thread(other_member)
    _reply_draft(member, thread)
    _reply_draft(other_member, thread)
    factories.reply(thread, member)
    assert list(Draft.objects.values_list("author_id", flat=True)) == [other_member.pk]


def test_a_failed_publication_keeps_the_draft(member, other_member):
    thread = factories.thread(other_member)
    _reply_draft(member, thread)
    with pytest.raises(ValidationError):
        services.post_create(author=member, thread=thread, body="Ask @[Nobody Here Atall]")
    assert Draft.objects.filter(author=member).exists()


@pytest.mark.parametrize(
    "user",
    [
        lambda: AnonymousUser(),
        lambda: UserFactory(status=Status.PENDING),
        lambda: UserFactory(status=Status.SUSPENDED),
        lambda: UserFactory(role=Role.APPLICANT),
    ],
    ids=["anonymous", "pending", "suspended", "applicant"],
)
def test_only_active_members_keep_drafts(user):
    with pytest.raises(PermissionDenied):
        _thread_draft(user())
    assert not Draft.objects.exists()


def test_a_member_cannot_keep_a_draft_where_they_cannot_post(member, moderator):
    with pytest.raises(PermissionDenied):
        _thread_draft(member, category=Category.objects.get(slug="alliance-coordination"))
    restricted = factories.thread(
        UserFactory(country=Country.objects.get(slug="kg")), category=factories.restricted_category()
    )
    with pytest.raises(PermissionDenied):
        _reply_draft(member, restricted)
    locked = factories.thread(moderator)
    services.thread_lock(actor=UserFactory(role=Role.ADMIN), thread=locked)
    with pytest.raises(PermissionDenied):
        _reply_draft(member, locked)
    with pytest.raises(PermissionDenied):
        services.draft_save(author=member, kind=Draft.Kind.THREAD, category=None, body="x")
    assert not Draft.objects.exists()


def test_a_member_who_loses_access_no_longer_sees_the_draft_or_its_thread():
    kg, kz = Country.objects.get(slug="kg"), Country.objects.get(slug="kz")
    member = UserFactory(country=kg)
    thread = factories.thread(UserFactory(country=kg), category=factories.restricted_category(), title="Kyrgyz only")
    _reply_draft(member, thread)
    assert [d.thread_id for d in selectors.drafts_for(member)] == [thread.pk]
    member.country = kz
    member.save()
    assert selectors.drafts_for(member) == []
    assert selectors.draft_count(member) == 0
    with pytest.raises(PermissionDenied):
        _reply_draft(member, thread, body="still typing")


def test_a_hidden_thread_takes_its_drafts_out_of_the_list(member, other_member):
    thread = factories.thread(other_member)
    _reply_draft(member, thread)
    services.thread_hide(actor=UserFactory(role=Role.ADMIN), thread=thread, reason="identifies a survivor")
    assert selectors.drafts_for(member) == []


def test_drafts_belong_to_their_author_alone(member, other_member, moderator):
    draft = _thread_draft(member)
    assert selectors.drafts_for(other_member) == []
    assert selectors.drafts_for(moderator) == []
    assert not services.draft_delete(author=other_member, draft_id=draft.pk)
    assert not services.draft_discard(author=other_member, kind=Draft.Kind.THREAD, category=draft.category)
    assert Draft.objects.filter(pk=draft.pk).exists()


def test_hostile_input_is_kept_as_text(member):
    draft = _thread_draft(member, title="<b>x</b>\x00", body="<script>alert(1)</script>\x00 \u202e", language="xx")
    assert draft.title == "<b>x</b>"
    assert draft.body == "<script>alert(1)</script> \u202e"
    assert draft.language == ""


def test_an_over_long_draft_is_refused_with_a_translated_message(member):
    with pytest.raises(ValidationError) as english:
        _thread_draft(member, body="x" * (services.BODY_MAX + 1))
    with translation.override("ru"), pytest.raises(ValidationError) as russian:
        _thread_draft(member, body="x" * (services.BODY_MAX + 1))
    assert "too long" in english.value.message_dict["body"][0]
    assert russian.value.message_dict["body"][0] != english.value.message_dict["body"][0]
    with pytest.raises(ValidationError) as warning:
        _thread_draft(member, content_warning="w" * 121)
    assert "content_warning" in warning.value.message_dict
    assert not Draft.objects.exists()


def test_a_draft_at_the_limit_is_kept(member):
    assert len(_thread_draft(member, body="x" * services.BODY_MAX).body) == services.BODY_MAX


# Views -----------------------------------------------------------------------------------


def test_autosave_keeps_the_draft_and_answers_json(member_client, member, other_member):
    thread = factories.thread(other_member)
    response = member_client.post(AUTOSAVE, {"draft_kind": "reply", "draft_thread": thread.pk, "body": "Typing…"})
    assert response.status_code == 200
    assert response.json() == {"saved": True, "count": 1}
    assert Draft.objects.get().body == "Typing…"
    assert Post.objects.count() == 1


def test_autosave_explains_a_refusal_without_an_error_page(member_client, member):
    restricted = factories.thread(
        UserFactory(country=Country.objects.get(slug="kg")), category=factories.restricted_category()
    )
    response = member_client.post(AUTOSAVE, {"draft_kind": "reply", "draft_thread": restricted.pk, "body": "x"})
    assert response.status_code == 403 and response.json()["error"]
    response = member_client.post(AUTOSAVE, {"draft_kind": "reply", "draft_thread": 10**15, "body": "x"})
    assert response.status_code == 403
    response = member_client.post(AUTOSAVE, {"draft_kind": "thread", "category": "prevention", "body": "x" * 20_001})
    assert response.status_code == 400 and "too long" in response.json()["error"]
    response = member_client.post(AUTOSAVE, {"draft_kind": "poll", "body": "x"})
    assert response.status_code == 400
    response = member_client.post(AUTOSAVE, {"draft_kind": "reply", "draft_thread": "9" * 30, "body": "x"})
    assert response.status_code == 400
    response = member_client.post(AUTOSAVE, {"draft_kind": "thread", "category": "prevention", "body": "a\x00b"})
    assert response.status_code == 400 and "Null characters" in response.json()["error"]
    assert not Draft.objects.exists()


def test_autosave_needs_the_csrf_token(client, member):
    client.handler.enforce_csrf_checks = True
    client.force_login(member)
    response = client.post(AUTOSAVE, {"draft_kind": "thread", "category": "prevention", "body": "x"})
    assert response.status_code == 403
    assert not Draft.objects.exists()


def test_the_new_thread_form_opens_with_the_draft(member_client, member):
    _thread_draft(member, title="Winter shelters", body="Half written <em>text</em>")
    response = member_client.get("/forum/new/?category=prevention")
    assert "Winter shelters" in response.text
    assert "Half written &lt;em&gt;text&lt;/em&gt;" in response.text
    assert "data-draft-discard>Discard draft" in response.text  # shown: there is a draft to discard
    assert "Your drafts (1)" in response.text
    assert "forum/drafts" in response.text  # the script


def test_the_discard_button_waits_for_a_draft(member_client):
    assert "data-draft-discard hidden>Discard draft" in member_client.get("/forum/new/?category=prevention").text


def test_save_draft_without_javascript_keeps_text_that_cannot_be_published_yet(member_client, member):
    response = member_client.post(
        "/forum/new/",
        {"draft_kind": "thread", "category": "prevention", "title": "Hi", "body": "Not ready", "save_draft": "1"},
    )
    assert response.status_code == 200
    assert "Draft saved" in response.text
    assert "Not ready" in response.text
    assert "The title is too short" not in response.text
    assert not Thread.objects.exists()
    assert Draft.objects.get().title == "Hi"


def test_publishing_from_the_form_deletes_the_draft(member_client, member):
    _thread_draft(member, title="Referral paths", body="What works?")
    response = member_client.post(
        "/forum/new/",
        {"draft_kind": "thread", "category": "prevention", "title": "Referral paths", "body": "What works?"},
    )
    assert response.status_code == 302
    assert not Draft.objects.exists()


def test_the_reply_box_and_reply_page_open_with_the_draft(member_client, member, other_member):
    thread = factories.thread(other_member)
    _reply_draft(member, thread, body="My unfinished reply")
    assert "My unfinished reply" in member_client.get(thread.get_absolute_url() + "?page=1").text
    response = member_client.get(reverse("forum:reply", args=[thread.pk]) + f"?quote={thread.posts.get().pk}")
    assert "My unfinished reply\n\n&gt; **" in response.text


def test_save_draft_on_the_reply_page_and_discard_it(member_client, member, other_member):
    thread = factories.thread(other_member)
    url = reverse("forum:reply", args=[thread.pk])
    data = {"draft_kind": "reply", "draft_thread": thread.pk, "body": "Later"}
    assert member_client.post(url, {**data, "save_draft": "1"}).status_code == 200
    assert Draft.objects.get().body == "Later"
    response = member_client.post(f"/forum/drafts/discard/?next={url}", data)
    assert response.status_code == 302 and response["Location"] == url
    assert not Draft.objects.exists()


def test_discard_never_redirects_elsewhere(member_client, member):
    response = member_client.post(
        "/forum/drafts/discard/?next=https://evil.example/", {"draft_kind": "thread", "category": "prevention"}
    )
    assert response["Location"] == "/forum/drafts/"


def test_the_drafts_page_lists_the_members_own_drafts(member_client, member, other_member):
    thread = factories.thread(other_member, title="Hotline staffing")
    _thread_draft(member, title="<script>x</script>", body="Mine " * 100)
    _reply_draft(member, thread)
    _thread_draft(other_member, title="Someone else's idea")
    response = member_client.get("/forum/drafts/")
    assert response.status_code == 200
    assert "&lt;script&gt;x&lt;/script&gt;" in response.text
    assert "Reply to “Hotline staffing”" in response.text
    assert "Someone else" not in response.text
    assert "Continue" in response.text and "Delete" in response.text
    assert "Mine Mine" in response.text and "Mine " * 60 not in response.text  # an excerpt


def test_deleting_from_the_drafts_page(member_client, member, other_member):
    mine = _thread_draft(member)
    theirs = _thread_draft(other_member)
    assert member_client.post(f"/forum/drafts/{theirs.pk}/delete/").status_code == 302
    assert member_client.post(f"/forum/drafts/{mine.pk}/delete/").status_code == 302
    assert list(Draft.objects.values_list("pk", flat=True)) == [theirs.pk]


def _many_drafts(member, count):
    categories = list(Category.objects.exclude(slug="alliance-coordination").exclude(access=Category.Access.MODERATORS))
    for category in categories[: min(count, len(categories))]:
        _thread_draft(member, category=category)
    author = UserFactory()
    for index in range(count - min(count, len(categories))):
        _reply_draft(member, factories.thread(author, title=f"Thread number {index}"))


@pytest.mark.parametrize("count", [3, 30])
def test_the_drafts_page_costs_a_constant_number_of_queries(member_client, member, django_assert_num_queries, count):
    _many_drafts(member, count)
    member_client.get("/forum/drafts/")  # the session's first request records the session
    # session, user, the drafts with their places
    with django_assert_num_queries(3):
        response = member_client.get("/forum/drafts/")
    assert response.text.count('class="thread-row"') == count


def test_the_profile_links_to_the_drafts(member_client):
    assert 'href="/forum/drafts/"' in member_client.get("/accounts/profile/").text


def test_the_preview_renders_as_publishing_does(member_client):
    response = member_client.post("/forum/preview/", {"body": "*soft* <script>alert(1)</script>"})
    assert response.status_code == 200
    html = response.json()["html"]
    assert "<em>soft</em>" in html and "<script" not in html
    response = member_client.post("/forum/preview/", {"body": "Ask @[Ghost Person] please"})
    assert response.status_code == 400 and "No member is called @Ghost Person" in response.json()["error"]
    response = member_client.post("/forum/preview/", {"body": "x" * 20_001})
    assert response.status_code == 400
    assert not Thread.objects.exists() and not Draft.objects.exists()


def test_the_quote_uses_the_reply_pages_format(member_client, other_member):
    thread = factories.thread(other_member, body="Line one\nLine two")
    opening = thread.posts.get()
    data = member_client.get(f"/forum/p/{opening.pk}/quote/").json()
    assert data == {"markup": selectors.quote_markup(opening), "reply_to": opening.pk}
    assert data["markup"].endswith("> Line one\n> Line two\n\n")
    page = member_client.get(reverse("forum:reply", args=[thread.pk]) + f"?quote={opening.pk}")
    assert "&gt; Line one\n&gt; Line two" in page.text


def test_a_quote_of_a_post_the_member_cannot_see_is_not_found(member_client):
    restricted = factories.thread(
        UserFactory(country=Country.objects.get(slug="kg")), category=factories.restricted_category()
    )
    assert member_client.get(f"/forum/p/{restricted.posts.get().pk}/quote/").status_code == 404


def test_moderators_never_see_members_drafts_in_the_admin(member):
    from django.contrib import admin

    _thread_draft(member)
    assert Draft not in admin.site._registry


# Members' rights -------------------------------------------------------------------------


def _export(user) -> dict:
    from accounts.rights import export_steps

    return {step.key: step.run(user).data for step in export_steps()}


def test_drafts_are_in_the_members_data_export(member, other_member):
    thread = factories.thread(other_member)
    _thread_draft(member, title="My idea", body="My unpublished words")
    _reply_draft(member, thread, body="My reply draft")
    _thread_draft(other_member, body="A colleague's draft")
    drafts = _export(member)["forum"]["drafts"]
    assert [(d["kind"], d["body"]) for d in drafts] == [("thread", "My unpublished words"), ("reply", "My reply draft")]
    assert drafts[0]["category"] == "prevention" and drafts[1]["thread"] == thread.pk
    assert "A colleague" not in str(_export(member))


@pytest.mark.parametrize("content", ["anonymise", "erase"])
def test_drafts_are_erased_with_the_account(member, other_member, content):
    from accounts import deletion

    _thread_draft(member)
    _reply_draft(member, factories.thread(other_member))
    _thread_draft(other_member)
    deletion.account_delete(member=member, content=content)
    assert list(Draft.objects.values_list("author_id", flat=True)) == [other_member.pk]


def test_an_impossible_draft_id_is_not_an_error_page(member_client):
    response = member_client.post("/forum/drafts/" + "9" * 30 + "/delete/")
    assert response.status_code in (302, 404)
