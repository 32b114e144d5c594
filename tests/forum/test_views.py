import pytest
from django.urls import reverse

from forum import services
from forum.models import POSTS_PER_PAGE, Category, Post, Thread
from tests.factories import UserFactory
from tests.forum import factories

pytestmark = pytest.mark.django_db


def test_the_forum_index_lists_categories_and_threads(member_client, member):
    thread = factories.thread(member, title="Shelter standards in Almaty")
    response = member_client.get("/forum/")
    assert response.status_code == 200
    assert "Prevention" in response.text and thread.title in response.text


def test_the_index_never_shows_a_moderators_category_to_members(member_client):
    response = member_client.get("/forum/")
    assert "Alliance coordination" not in response.text


def test_a_thread_page_renders_the_posts_and_a_reply_form(member_client, member):
    thread = factories.thread(member, body="Opening **words**")
    response = member_client.get(thread.get_absolute_url())
    assert "<strong>words</strong>" in response.text
    assert 'name="body"' in response.text
    assert "could identify a survivor" in response.text


def test_a_wrong_slug_redirects_to_the_canonical_address(member_client, member):
    thread = factories.thread(member)
    response = member_client.get(f"/forum/t/{thread.pk}/wrong/")
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()


def test_starting_a_thread_from_the_form(member_client):
    response = member_client.post(
        "/forum/new/",
        {"category": "prevention", "title": "Referral pathways", "body": "What works?", "tags": "referrals, health"},
    )
    thread = Thread.objects.get()
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()
    assert thread.tags.count() == 2


def test_bad_input_keeps_the_members_text_and_explains(member_client):
    response = member_client.post(
        "/forum/new/", {"category": "prevention", "title": "Hi", "body": "My careful text", "tags": "bad tag!"}
    )
    assert response.status_code == 200
    assert "My careful text" in response.text
    assert "The title is too short" in response.text
    assert "is not a valid tag" in response.text
    assert not Thread.objects.exists()


def test_an_unknown_mention_is_explained_and_the_reply_kept(member_client, member):
    thread = factories.thread(member)
    response = member_client.post(reverse("forum:reply", args=[thread.pk]), {"body": "Ask @[Ghost Person] please"})
    assert response.status_code == 200
    assert "No member is called @Ghost Person" in response.text
    assert "Ask @[Ghost Person] please" in response.text


def test_an_oversized_reply_is_refused_without_an_error_page(member_client, member):
    thread = factories.thread(member)
    response = member_client.post(reverse("forum:reply", args=[thread.pk]), {"body": "x" * 25_000})
    assert response.status_code == 200
    assert Post.objects.count() == 1


def test_preview_shows_the_rendered_text_without_publishing(member_client):
    response = member_client.post(
        "/forum/new/", {"category": "prevention", "title": "Preview me", "body": "*soft*", "preview": "1"}
    )
    assert response.status_code == 200
    assert "<em>soft</em>" in response.text
    assert not Thread.objects.exists()


def test_quoting_prefills_the_reply_with_the_quoted_post(member_client, member, other_member):
    thread = factories.thread(other_member, body="Courts need interpreters")
    post = thread.posts.get()
    response = member_client.get(reverse("forum:reply", args=[thread.pk]) + f"?quote={post.pk}")
    assert f"&gt; **{other_member.display_name}** wrote:" in response.text
    assert "&gt; Courts need interpreters" in response.text


def test_a_reply_redirects_to_the_new_post(member_client, member):
    thread = factories.thread(member)
    response = member_client.post(reverse("forum:reply", args=[thread.pk]), {"body": "Thanks"})
    assert response.status_code == 302
    assert Post.objects.get(position=2).body == "Thanks"


def test_a_locked_thread_has_no_reply_form(member_client, member, moderator):
    thread = factories.thread(member)
    services.thread_lock(actor=moderator, thread=thread)
    response = member_client.get(thread.get_absolute_url())
    assert 'name="body"' not in response.text
    assert "This thread is locked" in response.text


def test_a_hidden_post_is_shown_to_moderators_marked_as_hidden(moderator_client, moderator, member):
    thread = factories.thread(member)
    post = factories.reply(thread, member, body="Secret detail")
    services.post_hide(actor=moderator, post=post, reason="identifies a survivor")
    response = moderator_client.get(thread.get_absolute_url())
    assert "Secret detail" in response.text and "Hidden from members" in response.text


def test_a_hidden_post_is_not_shown_to_members(client, member, moderator):
    thread = factories.thread(member)
    post = factories.reply(thread, member, body="Secret detail")
    services.post_hide(actor=moderator, post=post, reason="identifies a survivor")
    client.force_login(UserFactory())
    assert "Secret detail" not in client.get(thread.get_absolute_url()).text


def test_a_deleted_post_shows_a_placeholder(member_client, member):
    thread = factories.thread(member)
    post = factories.reply(thread, member, body="Oops wrong thread")
    member_client.post(reverse("forum:post_delete", args=[post.pk]))
    response = member_client.get(thread.get_absolute_url())
    assert "Oops wrong thread" not in response.text and "This post was deleted." in response.text


def test_edit_history_is_visible_to_members(member_client, member, other_member):
    post = factories.thread(other_member, body="Version one").posts.get()
    services.post_edit(editor=other_member, post=post, body="Version two")
    response = member_client.get(reverse("forum:post_history", args=[post.pk]))
    assert "Version one" in response.text and "Version two" in response.text
    assert other_member.display_name in response.text


def test_reacting_from_the_thread_page(member_client, other_member):
    post = factories.thread(other_member).posts.get()
    member_client.post(reverse("forum:post_react", args=[post.pk]), {"kind": "helpful"})
    post.refresh_from_db()
    assert post.reaction_counts == {"helpful": 1}


def test_a_thread_opens_at_the_first_unread_post(member_client, member, other_member):
    thread = factories.long_thread(45, other_member)
    services.thread_mark_read(user=member, thread=thread, position=22)
    response = member_client.get(thread.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == f"{thread.get_absolute_url()}?page=2#post-23"


def test_reading_a_page_moves_the_read_marker(member_client, member, other_member):
    thread = factories.long_thread(45, other_member)
    member_client.get(thread.get_absolute_url() + "?page=2")
    assert thread.reads.get(user=member).last_read_position == 2 * POSTS_PER_PAGE


def test_the_last_page_of_a_long_thread_holds_the_last_posts(member_client, other_member):
    thread = factories.long_thread(2_005, other_member)
    response = member_client.get(thread.get_absolute_url() + f"?page={thread.page_count}")
    assert "Post 2005" in response.text and "Post 2001" in response.text and "Post 2000" not in response.text


def test_a_page_number_out_of_range_shows_the_last_page(member_client, other_member):
    thread = factories.long_thread(45, other_member)
    response = member_client.get(thread.get_absolute_url() + "?page=999")
    assert "Post 45" in response.text


def test_a_nonsense_page_number_shows_the_first_page(member_client, member):
    thread = factories.thread(member, body="Opening words")
    response = member_client.get(thread.get_absolute_url() + "?page=abc")
    assert "Opening words" in response.text


@pytest.mark.parametrize(
    "query,shown,hidden",
    [
        ("unanswered=on", "Nobody answered", "Answered one"),
        ("mine=on", "Answered one", "Youth work thread"),
        ("tag=legal-aid", "Answered one", "Nobody answered"),
        ("country=kg", "Nobody answered", "Answered one"),
        ("category=youth", "Youth work thread", "Answered one"),
    ],
)
def test_thread_list_filters(member_client, member, other_member, query, shown, hidden):
    from taxonomy.models import Country

    answered = factories.thread(member, title="Answered one", tags=["legal-aid"])
    factories.reply(answered, other_member)
    factories.thread(other_member, title="Nobody answered", country=Country.objects.get(slug="kg"))
    factories.thread(other_member, title="Youth work thread", category_slug="youth")
    response = member_client.get(f"/forum/?{query}")
    assert shown in response.text and hidden not in response.text


def test_the_watching_filter_shows_watched_threads(member_client, member, other_member):
    watched = factories.thread(other_member, title="Watched thread")
    factories.thread(other_member, title="Ignored thread")
    services.thread_watch(user=member, thread=watched, watch=True)
    response = member_client.get("/forum/?watching=on")
    assert "Watched thread" in response.text and "Ignored thread" not in response.text


def test_ordering_by_most_replies(member_client, member, other_member):
    busy = factories.thread(other_member, title="Busy thread")
    factories.thread(other_member, title="Quiet thread")
    factories.reply(busy, member)
    text = member_client.get("/forum/?order=replies").text
    assert text.index("Busy thread") < text.index("Quiet thread")


def test_the_thread_list_marks_unread_posts(member_client, member, other_member):
    thread = factories.thread(other_member, title="Updated thread")
    services.thread_mark_read(user=member, thread=thread, position=1)
    factories.reply(thread, other_member)
    assert "1 new post" in member_client.get("/forum/").text


def test_a_category_page_lists_only_its_threads(member_client, member):
    factories.thread(member, title="Prevention thread")
    factories.thread(member, title="Youth thread", category_slug="youth")
    text = member_client.get("/forum/youth/").text
    assert "Youth thread" in text and "Prevention thread" not in text


def test_moderator_locks_a_thread_from_the_page(moderator_client, member):
    thread = factories.thread(member)
    moderator_client.post(reverse("forum:thread_moderate", args=[thread.pk, "lock"]), {"reason": "resolved"})
    thread.refresh_from_db()
    assert thread.is_locked


def test_hiding_a_thread_without_a_reason_is_refused_kindly(moderator_client, member):
    thread = factories.thread(member)
    response = moderator_client.post(reverse("forum:thread_moderate", args=[thread.pk, "hide"]), follow=True)
    thread.refresh_from_db()
    assert not thread.is_hidden
    assert "Please give a reason" in response.text


def test_reporting_a_post_from_the_form(member_client, other_member):
    from moderation.models import Report

    post = factories.thread(other_member).posts.get()
    member_client.post(reverse("forum:post_report", args=[post.pk]), {"reason": "identifies_survivor"})
    assert Report.objects.get().reason == "identifies_survivor"


def test_a_moderator_edit_without_a_reason_keeps_the_text(moderator_client, member):
    post = factories.thread(member).posts.get()
    response = moderator_client.post(
        reverse("forum:post_edit", args=[post.pk]), {"body": "Edited by moderator", "title": "Safety planning"}
    )
    assert response.status_code == 200
    assert "Please give a reason" in response.text and "Edited by moderator" in response.text


# Query counts: the same number of queries whatever the amount of data.


def _populate(author, threads: int, replies: int, reactor):
    made = []
    for i in range(threads):
        thread = factories.thread(author, title=f"Thread number {i}", tags=["shelters", f"tag-{i % 3}"])
        for _ in range(replies):
            post = factories.reply(thread, author)
            services.reaction_toggle(user=reactor, post=post, kind="thanks")
        made.append(thread)
    return made


@pytest.mark.parametrize("threads", [3, 30])
def test_the_forum_index_costs_a_constant_number_of_queries(
    member_client, member, other_member, django_assert_num_queries, threads
):
    _populate(other_member, threads, 1, member)
    member_client.get("/forum/")  # the session's first request records the session
    # (One more for the languages the listed threads are translated into; the category menu
    # reuses the categories the page lists.)
    with django_assert_num_queries(7):
        assert member_client.get("/forum/").status_code == 200


@pytest.mark.parametrize("threads", [3, 30])
def test_a_category_page_costs_a_constant_number_of_queries(
    member_client, member, other_member, django_assert_num_queries, threads
):
    _populate(other_member, threads, 1, member)
    member_client.get("/forum/prevention/")
    # (One more for the languages the listed threads are translated into.)
    with django_assert_num_queries(7):
        assert member_client.get("/forum/prevention/").status_code == 200


@pytest.mark.parametrize("replies", [3, 30])
def test_a_thread_page_costs_a_constant_number_of_queries(
    member_client, member, other_member, django_assert_num_queries, replies
):
    (thread,) = _populate(other_member, 1, replies, member)
    services.thread_mark_read(user=member, thread=thread, position=1)
    member_client.get("/forum/")  # the session's first request records the session
    # (One for the translations of the page's posts into the reader's language, one for the
    # languages the reader lists, which decide whether "Translate" shows.)
    with django_assert_num_queries(9):
        assert member_client.get(thread.get_absolute_url() + "?page=1").status_code == 200


@pytest.mark.parametrize("posts,page", [(60, 1), (5_000, 250)])
def test_the_last_page_of_a_long_thread_costs_the_same_as_the_first(
    member_client, member, other_member, django_assert_num_queries, posts, page
):
    thread = factories.long_thread(posts, other_member)
    services.thread_mark_read(user=member, thread=thread, position=1)
    member_client.get("/forum/")  # the session's first request records the session
    # (One for the translations of the page's posts into the reader's language, one for the
    # languages the reader lists, which decide whether "Translate" shows.)
    with django_assert_num_queries(9):
        assert member_client.get(thread.get_absolute_url() + f"?page={page}").status_code == 200


def test_moderators_category_thread_is_not_found_for_members(member_client, moderator):
    thread = factories.thread(moderator, category=Category.objects.get(slug="alliance-coordination"))
    assert member_client.get(thread.get_absolute_url()).status_code == 404


def test_a_restricted_category_leaks_nothing_to_members_outside_it(member_client, member):
    from taxonomy.models import Country

    author = UserFactory(country=Country.objects.get(slug="kg"))
    restricted = factories.restricted_category(countries=("kg",))
    factories.thread(author, category=restricted, title="Kyrgyz partners only")
    for url in ["/forum/", "/forum/?order=newest", "/forum/general/"]:
        text = member_client.get(url).text
        assert "Kyrgyz partners" not in text
    assert member_client.get(f"/forum/?category={restricted.slug}").status_code == 200
    assert "Kyrgyz partners only" not in member_client.get(f"/forum/?category={restricted.slug}").text


def test_hidden_threads_are_listed_for_moderators_marked_as_hidden(moderator_client, moderator, member):
    thread = factories.thread(member, title="Hidden discussion")
    services.thread_hide(actor=moderator, thread=thread, reason="identifies a survivor")
    text = moderator_client.get("/forum/").text
    assert "Hidden discussion" in text and "badge--hidden" in text


def test_reported_posts_are_counted_in_the_moderation_queue(moderator_client, member, other_member):
    post = factories.thread(member).posts.get()
    services.post_report(reporter=other_member, post=post, reason="identifies_survivor")
    text = moderator_client.get("/moderation/").text
    assert "Reported forum posts" in text


def test_the_reply_form_is_on_the_last_page_only(member_client, other_member):
    thread = factories.long_thread(45, other_member)
    assert 'name="body"' not in member_client.get(thread.get_absolute_url() + "?page=1").text
    assert 'name="body"' in member_client.get(thread.get_absolute_url() + "?page=3").text


def test_a_moderator_moves_a_thread_from_the_page(moderator_client, member):
    from moderation.models import AuditEntry

    thread = factories.thread(member)
    moderator_client.post(reverse("forum:thread_move", args=[thread.pk]), {"category": "youth", "reason": "fits"})
    thread.refresh_from_db()
    assert thread.category.slug == "youth"
    assert AuditEntry.objects.filter(action="forum.thread_move", reason="fits").exists()


def test_a_member_cannot_edit_another_members_post_from_the_page(member_client, other_member):
    post = factories.thread(other_member).posts.get()
    response = member_client.post(reverse("forum:post_edit", args=[post.pk]), {"body": "Vandalised", "title": "x"})
    assert response.status_code == 403
    post.refresh_from_db()
    assert post.body != "Vandalised"


def test_a_thread_with_a_russian_title_has_a_working_address(member_client, member):
    thread = factories.thread(member, title="Охранные ордера в сельских судах")
    assert "охранные" in thread.slug
    response = member_client.get(thread.get_absolute_url())
    assert response.status_code == 200 and "Охранные ордера" in response.text
