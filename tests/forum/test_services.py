import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Role
from forum import selectors, services
from forum.models import Category, Post, PostRevision, Reaction, Thread, ThreadWatch
from moderation.models import AuditEntry, Report
from taxonomy.models import Country
from tests.factories import UserFactory
from tests.forum import factories

pytestmark = pytest.mark.django_db


def _codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def test_a_thread_starts_with_its_opening_post_rendered_from_markdown(member):
    thread = factories.thread(member, body="We use **safety plans**.")
    post = thread.posts.get()
    assert post.position == 1
    assert "<strong>safety plans</strong>" in post.body_html
    assert post.body == "We use **safety plans**."
    assert thread.post_count == 1 and thread.reply_count == 0
    assert thread.author_name == member.display_name


def test_a_thread_without_a_category_goes_to_general_discussion(member):
    thread = services.thread_create(author=member, category=None, title="Hello colleagues", body="Hi")
    assert thread.category.slug == "general"


def test_a_thread_gets_tags_country_and_content_warning(member):
    thread = factories.thread(
        member, tags=["Shelters", "legal-aid"], country=Country.objects.get(slug="kg"), content_warning="Violence"
    )
    assert sorted(thread.tags.values_list("slug", flat=True)) == ["legal-aid", "shelters"]
    assert thread.country.slug == "kg"
    assert thread.content_warning == "Violence"


@pytest.mark.parametrize(
    "title,body,tags,code",
    [
        ("", "text", [], "title_required"),
        ("Hi", "text", [], "title_too_short"),
        ("x" * 151, "text", [], "title_too_long"),
        ("A fine title", "   ", [], "body_required"),
        ("A fine title", "x" * 20_001, [], "body_too_long"),
        ("A fine title", "text", ["bad tag!"], "invalid_tag"),
        ("A fine title", "text", ["<script>"], "invalid_tag"),
        ("A fine title", "text", ["a"], "invalid_tag"),
        ("A fine title", "text", ["one", "two", "three", "four", "five", "six"], "too_many_tags"),
        ("A fine title", "Ask @[Nobody Here]", [], "unknown_mention"),
    ],
)
def test_bad_thread_input_is_refused_with_a_code(member, title, body, tags, code):
    with pytest.raises(ValidationError) as error:
        services.thread_create(author=member, category=None, title=title, body=body, tags=tags)
    assert code in _codes(error.value)
    assert not Thread.objects.exists()


def test_mentions_are_stored(member, other_member):
    thread = factories.thread(member, body=f"What do you think, @[{other_member.display_name}]?")
    assert list(thread.posts.get().mentions.all()) == [other_member]


def test_a_member_cannot_post_in_a_moderators_category(member):
    with pytest.raises(PermissionDenied):
        factories.thread(member, category=Category.objects.get(slug="alliance-coordination"))


def test_a_member_cannot_post_in_another_countrys_category(member):
    with pytest.raises(PermissionDenied):
        factories.thread(member, category=factories.restricted_category(countries=("kg",)))


def test_a_reply_takes_the_next_position_and_updates_the_counters(member, other_member):
    thread = factories.thread(member)
    post = factories.reply(thread, other_member)
    thread.refresh_from_db()
    assert post.position == 2
    assert thread.post_count == 2 and thread.reply_count == 1
    assert thread.last_poster_name == other_member.display_name


def test_nobody_but_moderators_can_reply_to_a_locked_thread(member, other_member, moderator):
    thread = factories.thread(member)
    services.thread_lock(actor=moderator, thread=thread)
    with pytest.raises(ValidationError) as error:
        factories.reply(thread, other_member)
    assert "locked" in _codes(error.value)
    assert factories.reply(thread, moderator).position == 2


def test_nobody_but_moderators_can_reply_to_a_hidden_thread(member, other_member, moderator):
    thread = factories.thread(member)
    services.thread_hide(actor=moderator, thread=thread, reason="identifies a survivor")
    with pytest.raises(ValidationError) as error:
        factories.reply(thread, other_member)
    assert "hidden" in _codes(error.value)


def test_editing_keeps_the_previous_version(member):
    thread = factories.thread(member, body="First version")
    post = thread.posts.get()
    services.post_edit(editor=member, post=post, body="Second version", title="A better title")
    post.refresh_from_db()
    thread.refresh_from_db()
    revision = PostRevision.objects.get(post=post)
    assert revision.body == "First version" and revision.editor == member
    assert revision.title == "Safety planning in rural areas"
    assert post.body == "Second version" and post.edit_count == 1
    assert thread.title == "A better title"


def test_a_member_cannot_edit_someone_elses_post(member, other_member):
    post = factories.thread(member).posts.get()
    with pytest.raises(PermissionDenied):
        services.post_edit(editor=other_member, post=post, body="Vandalised")


def test_a_moderator_edit_needs_a_reason_and_is_audited(member, moderator):
    post = factories.thread(member).posts.get()
    with pytest.raises(ValidationError):
        services.post_edit(editor=moderator, post=post, body="Removed a name")
    services.post_edit(editor=moderator, post=post, body="Removed a name", reason="identifying detail")
    entry = AuditEntry.objects.get(action="forum.post_edit")
    assert entry.actor == moderator and entry.target_user == member and entry.reason == "identifying detail"


def test_deleting_a_reply_leaves_a_placeholder_and_fixes_the_count(member):
    thread = factories.thread(member)
    post = factories.reply(thread, member)
    services.post_delete(actor=member, post=post)
    post.refresh_from_db()
    thread.refresh_from_db()
    assert post.is_deleted and Post.objects.filter(pk=post.pk).exists()
    assert thread.reply_count == 0 and thread.post_count == 2


def test_a_member_cannot_delete_someone_elses_post(member, other_member):
    post = factories.reply(factories.thread(member), member)
    with pytest.raises(PermissionDenied):
        services.post_delete(actor=other_member, post=post)


def test_a_reaction_toggles_and_counts(member, other_member):
    post = factories.thread(member).posts.get()
    assert services.reaction_toggle(user=other_member, post=post, kind="thanks") is True
    post.refresh_from_db()
    assert post.reaction_counts == {"thanks": 1}
    assert services.reaction_toggle(user=other_member, post=post, kind="thanks") is False
    post.refresh_from_db()
    assert post.reaction_counts == {} and not Reaction.objects.exists()


def test_an_unknown_reaction_is_refused(member, other_member):
    post = factories.thread(member).posts.get()
    with pytest.raises(ValidationError):
        services.reaction_toggle(user=other_member, post=post, kind="love")


def test_members_do_not_react_to_their_own_posts(member):
    post = factories.thread(member).posts.get()
    with pytest.raises(PermissionDenied):
        services.reaction_toggle(user=member, post=post, kind="thanks")


def test_the_read_marker_only_moves_forward(member, other_member):
    thread = factories.thread(member)
    services.thread_mark_read(user=other_member, thread=thread, position=3)
    services.thread_mark_read(user=other_member, thread=thread, position=1)
    assert thread.reads.get(user=other_member).last_read_position == 3


def test_a_thread_list_counts_new_posts_since_the_last_visit(member, other_member):
    thread = factories.thread(member)
    services.thread_mark_read(user=other_member, thread=thread, position=1)
    factories.reply(thread, member)
    factories.reply(thread, member)
    row = selectors.threads_for_list(other_member).get(pk=thread.pk)
    selectors.annotate_unread([row])
    assert row.unread == 2 and row.first_unread == 2 and not row.is_new


def test_a_thread_never_opened_is_new(member, other_member):
    thread = factories.thread(member)
    row = selectors.threads_for_list(other_member).get(pk=thread.pk)
    selectors.annotate_unread([row])
    assert row.is_new and row.first_unread == 1


def test_watching_a_thread_and_a_category_is_stored(member):
    thread = factories.thread(member)
    services.thread_watch(user=member, thread=thread, watch=True)
    services.category_watch(user=member, category=thread.category, watch=True)
    assert ThreadWatch.objects.filter(user=member, thread=thread).exists()
    assert thread.category.watches.filter(user=member).exists()
    services.thread_watch(user=member, thread=thread, watch=False)
    assert not ThreadWatch.objects.exists()


@pytest.mark.parametrize(
    "service,kwargs,action",
    [
        (services.thread_pin, {}, "forum.thread_pin"),
        (services.thread_lock, {}, "forum.thread_lock"),
        (services.thread_hide, {"reason": "identifies a survivor"}, "forum.thread_hide"),
    ],
)
def test_moderator_thread_actions_are_audited(member, moderator, service, kwargs, action):
    thread = factories.thread(member)
    service(actor=moderator, thread=thread, **kwargs)
    entry = AuditEntry.objects.get(action=action)
    assert entry.actor == moderator and entry.target_id == str(thread.pk)


def test_moving_a_thread_is_audited_with_both_categories(member, moderator):
    thread = factories.thread(member)
    services.thread_move(actor=moderator, thread=thread, category=Category.objects.get(slug="youth"), reason="fits")
    thread.refresh_from_db()
    assert thread.category.slug == "youth"
    assert AuditEntry.objects.get(action="forum.thread_move").data == {"from": "prevention", "to": "youth"}


def test_members_cannot_use_moderator_actions(member, other_member):
    thread = factories.thread(member)
    with pytest.raises(PermissionDenied):
        services.thread_lock(actor=other_member, thread=thread)


def test_a_moderator_without_two_factor_cannot_moderate(member):
    moderator = UserFactory(role=Role.MODERATOR, two_factor=False)
    with pytest.raises(PermissionDenied):
        services.thread_pin(actor=moderator, thread=factories.thread(member))


def test_hiding_a_post_needs_a_reason_hides_it_from_members_and_closes_its_reports(member, other_member, moderator):
    thread = factories.thread(member)
    post = factories.reply(thread, member)
    services.post_report(reporter=other_member, post=post, reason="harassment")
    with pytest.raises(ValidationError):
        services.post_hide(actor=moderator, post=post, reason="")
    services.post_hide(actor=moderator, post=post, reason="harassment")
    assert not selectors.threads_for_list(other_member).filter(reply_count__gt=0).exists()
    assert not Post.objects.visible_to(other_member).filter(pk=post.pk).exists()
    assert Post.objects.visible_to(moderator).filter(pk=post.pk).exists()
    assert Report.objects.get().state == Report.State.ACTIONED
    assert AuditEntry.objects.filter(action="forum.post_hide", reason="harassment").exists()
    services.post_unhide(actor=moderator, post=post)
    assert AuditEntry.objects.filter(action="forum.post_unhide").exists()


def test_a_report_goes_to_the_moderation_queue_with_the_content(member, other_member):
    post = factories.reply(factories.thread(member), member, body="Spam offer")
    report = services.post_report(reporter=other_member, post=post, reason="spam", note="twice today")
    assert report.target_author == member and "Spam offer" in report.snapshot
    assert report.target_url == post.get_absolute_url()
    assert selectors.reported_posts_open().count() == 1


def test_a_member_cannot_report_their_own_post(member):
    with pytest.raises(PermissionDenied):
        services.post_report(reporter=member, post=factories.thread(member).posts.get(), reason="spam")


def test_restricted_categories_stay_out_of_lists_and_counts(member):
    kg_member = UserFactory(country=Country.objects.get(slug="kg"))
    restricted = factories.restricted_category(countries=("kg",))
    factories.thread(kg_member, category=restricted)
    assert not selectors.threads_for_list(member).exists()
    assert restricted not in list(selectors.categories_for_index(member))
    assert selectors.threads_for_list(kg_member).count() == 1
    assert _listed(kg_member, restricted.slug).thread_total == 1


def _listed(user, slug):
    return next(category for category in selectors.categories_for_index(user) if category.slug == slug)


def test_hidden_threads_are_not_counted_for_members(member, moderator):
    thread = factories.thread(member)
    assert _listed(member, "prevention").thread_total == 1
    services.thread_hide(actor=moderator, thread=thread, reason="spam")
    assert _listed(member, "prevention").thread_total == 0
    assert _listed(moderator, "prevention").thread_total == 1
    services.thread_unhide(actor=moderator, thread=thread, reason="fine")
    assert _listed(member, "prevention").thread_total == 1


def test_category_figures_follow_new_threads_replies_and_moves(member, moderator):
    assert _listed(member, "prevention").thread_total == 0
    thread = factories.thread(member)
    first = _listed(member, "prevention")
    assert first.thread_total == 1 and first.last_activity == thread.last_posted_at
    factories.reply(thread, member)
    thread.refresh_from_db()
    assert _listed(member, "prevention").last_activity == thread.last_posted_at > first.last_activity
    services.thread_move(actor=moderator, thread=thread, category=Category.objects.get(slug="youth"), reason="fits")
    assert _listed(member, "prevention").thread_total == 0
    assert _listed(member, "youth").thread_total == 1


def test_thread_for_subject_reuses_the_visible_thread(member, other_member):
    subject = Country.objects.get(slug="tj")
    first = services.thread_for_subject(author=member, subject=subject, title="About Tajikistan", body="Discuss")
    second = services.thread_for_subject(author=other_member, subject=subject, title="Again", body="Again")
    assert first == second
    assert list(selectors.threads_for_subject(other_member, subject)) == [first]


def test_thread_for_subject_starts_a_new_thread_when_the_old_one_is_hidden(member, moderator):
    subject = Country.objects.get(slug="tj")
    first = services.thread_for_subject(author=member, subject=subject, title="About Tajikistan", body="Discuss")
    services.thread_hide(actor=moderator, thread=first, reason="spam")
    second = services.thread_for_subject(author=member, subject=subject, title="About Tajikistan", body="Discuss")
    assert second != first


def test_hiding_the_last_reply_gives_the_last_post_back_to_the_previous_author(member, other_member, moderator):
    thread = factories.thread(member)
    post = factories.reply(thread, other_member)
    services.post_hide(actor=moderator, post=post, reason="spam")
    thread.refresh_from_db()
    assert thread.last_poster_name == member.display_name and thread.reply_count == 0
