import pytest
from django.urls import reverse

from accounts.models import Role
from resources.models import FileVersion, Resource, State
from tests.factories import UserFactory

from .factories import make_resource, pdf_upload, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def steady_sessions(settings):
    """Sessions read from the database on every request, so a cache cleared by a test running
    in parallel (one shared Redis) cannot change a query count."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"


LIST_QUERIES = 22  # with the "Translated into" facet and the cards' translations
# With related resources, forum backlinks, translated files (shown, and the reader's waiting for
# review), the reader's languages and their open translation requests, one query each.
DETAIL_QUERIES = 22
MINE_QUERIES = 4
REVIEW_QUERIES = 10


def form_data(**overrides):
    data = {
        "title": "Referral pathways in Osh",
        "summary": "How crisis centres, police and hospitals refer survivors.",
        "description": "",
        "types": ["toolkit"],
        "languages": ["ru"],
        "countries": ["kg"],
        "themes": ["essential-services"],
        "licence": "cc-by-4.0",
        "year": "2024",
    }
    data.update(overrides)
    return data


def _ids(model, slugs):
    return [str(pk) for pk in model.objects.filter(slug__in=slugs).values_list("pk", flat=True)]


def post_data(**overrides):
    from taxonomy.models import Country, Language, ResourceType, Theme

    data = form_data(**overrides)
    data["types"] = _ids(ResourceType, data["types"])
    data["languages"] = _ids(Language, data["languages"])
    data["countries"] = _ids(Country, data["countries"])
    data["themes"] = _ids(Theme, data["themes"])
    return data


def test_the_library_lists_published_resources_only(member_client, member, other_member):
    published = make_resource(title="Published toolkit")
    make_resource(author=other_member, title="Someone's draft", submit=False)
    make_resource(author=other_member, title="Waiting for review")
    make_resource(author=member, title="My own submission")
    response = member_client.get("/resources/")
    titles = [resource.title for resource in response.context["page"].items]
    assert titles == [published.title]


def test_filters_by_country_and_theme_live_in_the_url(member_client):
    make_resource(title="Kyrgyz shelter guide", countries=[], themes=[])
    from taxonomy.models import Country, Theme

    wanted = make_resource(
        title="Kazakh DV toolkit",
        countries=list(Country.objects.filter(slug="kz")),
        themes=list(Theme.objects.filter(slug="domestic-ipv")),
    )
    response = member_client.get("/resources/?country=kz&theme=domestic-ipv")
    assert [r.pk for r in response.context["page"].items] == [wanted.pk]


def test_facet_counts_show_what_each_value_would_give(member_client):
    from taxonomy.models import Country

    kz, kg = Country.objects.get(slug="kz"), Country.objects.get(slug="kg")
    make_resource(title="A", countries=[kz])
    make_resource(title="B", countries=[kz])
    make_resource(title="C", countries=[kg])
    response = member_client.get("/resources/?country=kz")
    facets = {facet.name: facet for facet in response.context["facets"]}
    counts = {value.value: value.count for value in facets["country"].values}
    # The country facet ignores its own filter, so Kyrgyzstan still says what it would give.
    assert counts["kz"] == 2
    assert counts["kg"] == 1
    assert {v.value: v.count for v in facets["type"].values}["toolkit"] == 2


def test_free_text_search_covers_title_and_summary(member_client):
    make_resource(title="Shelter standards", summary="Minimum standards")
    make_resource(title="Other", summary="About bride kidnapping cases")
    response = member_client.get("/resources/?q=kidnapping")
    assert [r.title for r in response.context["page"].items] == ["Other"]


def test_ordering_by_title(member_client):
    make_resource(title="Beta")
    make_resource(title="Alpha")
    response = member_client.get("/resources/?sort=title")
    assert [r.title for r in response.context["page"].items] == ["Alpha", "Beta"]


def test_invalid_filters_do_not_break_the_page(member_client):
    make_resource()
    response = member_client.get("/resources/?country=atlantis&year_min=abc&sort=drop&after=!!")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_the_library_page_costs_a_constant_number_of_queries(client, steady_sessions, count, django_assert_num_queries):
    expert = UserFactory(role=Role.EXPERT)
    for index in range(count):
        make_resource(author=expert, title=f"Resource {index}", uploads=[], external_url="https://example.org/r")
    client.force_login(UserFactory())
    client.get("/resources/")  # the first request of a session records it
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get("/resources/?country=kz&sort=downloads")
    assert response.status_code == 200


@pytest.mark.parametrize("files", [1, 5])
def test_the_resource_page_costs_a_constant_number_of_queries(
    client, steady_sessions, files, django_assert_num_queries
):
    expert = UserFactory(role=Role.EXPERT)
    english = make_resource(author=expert, title="English")
    resource = make_resource(
        author=expert, uploads=[pdf_upload(title=f"Part {i}") for i in range(files)], translations=[english]
    )
    client.force_login(UserFactory())
    client.get("/resources/")  # the first request of a session records it
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(resource.get_absolute_url())
    assert response.status_code == 200
    assert response.content.count(b"/download/") == files


def test_a_wrong_slug_redirects_to_the_right_address(member_client):
    resource = make_resource()
    response = member_client.get(f"/resources/{resource.pk}/old-title/")
    assert response.status_code == 302
    assert response["Location"] == resource.get_absolute_url()


def test_another_members_draft_is_not_found(member_client, other_member):
    draft = make_resource(author=other_member, submit=False)
    assert member_client.get(draft.get_absolute_url()).status_code == 404


def test_the_author_sees_their_draft(client, member):
    draft = make_resource(author=member, submit=False)
    client.force_login(member)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_hostile_text_is_shown_inert(member_client):
    resource = make_resource(
        title='<script>alert("t")</script>',
        summary="<img src=x onerror=alert(1)>",
        description="[x](javascript:alert(1))",
    )
    content = member_client.get(resource.get_absolute_url()).content.decode()
    assert '<script>alert("t")' not in content
    assert "<img src=x" not in content
    assert 'href="javascript:' not in content


def test_an_expert_uploads_and_publishes(client, expert):
    client.force_login(expert)
    response = client.post("/resources/new/", {**post_data(), "files": [pdf_upload()]})
    resource = Resource.objects.get()
    assert response.status_code == 302
    assert response["Location"] == resource.get_absolute_url()
    assert resource.state == State.PUBLISHED
    assert resource.countries.get().slug == "kg"


def test_a_member_submits_for_review(client, member):
    client.force_login(member)
    client.post("/resources/new/", {**post_data(), "files": [pdf_upload()]})
    assert Resource.objects.get().state == State.IN_REVIEW


def test_a_refused_file_keeps_what_was_typed_and_says_why(client, expert):
    client.force_login(expert)
    response = client.post(
        "/resources/new/", {**post_data(title="Kept title"), "files": [upload("toolkit.pdf", b"MZ\x90\x00program")]}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="Kept title"' in content
    assert "Programs cannot be shared on the hub." in content
    assert not Resource.objects.exists()


def test_the_upload_page_says_metadata_is_removed(member_client):
    content = member_client.get("/resources/new/").content.decode()
    assert "can name people, organisations, devices or places" in content
    assert "could identify a survivor" in content


def test_a_duplicate_file_is_pointed_out(client, expert):
    make_resource(title="First copy")
    client.force_login(expert)
    response = client.post("/resources/new/", {**post_data(), "files": [pdf_upload()]}, follow=True)
    assert "An identical file is already in the library: “First copy”." in response.content.decode()


def test_a_path_in_the_file_name_never_reaches_the_disk(client, expert):
    client.force_login(expert)
    client.post("/resources/new/", {**post_data(), "files": [pdf_upload(name="../../etc/passwd.pdf")]})
    version = FileVersion.objects.get()
    assert ".." not in version.content.name and "passwd" not in version.content.name
    assert version.original_name == "passwd.pdf"


def test_a_new_version_through_the_page(client, expert):
    resource = make_resource(author=expert)
    item = resource.files.get()
    client.force_login(expert)
    response = client.post(f"/resources/files/{item.pk}/new-version/", {"upload": pdf_upload(title="v2")})
    assert response.status_code == 302
    assert item.versions.count() == 2


def test_the_review_queue_lists_submissions(moderator_client, member):
    resource = make_resource(author=member, title="Waiting")
    response = moderator_client.get("/resources/review/")
    assert [r.pk for r in response.context["page"].items] == [resource.pk]


def test_a_moderator_rejects_with_a_reason_through_the_page(moderator_client, member):
    resource = make_resource(author=member)
    moderator_client.post(f"/resources/{resource.pk}/review/reject/", {"reason": "Names a survivor"})
    resource.refresh_from_db()
    assert resource.state == State.REJECTED
    assert resource.review_note == "Names a survivor"


def test_a_rejection_without_reason_is_explained(moderator_client, member):
    resource = make_resource(author=member)
    response = moderator_client.post(f"/resources/{resource.pk}/review/reject/", {"reason": ""}, follow=True)
    assert "Please give a reason" in response.content.decode()
    resource.refresh_from_db()
    assert resource.state == State.IN_REVIEW


def test_the_review_queue_is_counted_in_the_moderation_queue(moderator_client, member):
    make_resource(author=member)
    response = moderator_client.get("/moderation/")
    counts = {section.key: count for section, count in response.context["sections"]}
    assert counts["resources"] == 1


def test_discuss_opens_a_forum_thread(member_client):
    forum_services = pytest.importorskip("forum.services", reason="the forum app is not there yet")
    if not hasattr(forum_services, "thread_for_subject"):
        pytest.skip("forum.services.thread_for_subject does not exist yet")
    resource = make_resource()
    response = member_client.post(reverse("resources:discuss", args=[resource.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("/forum/")


def test_a_member_reports_a_resource(member_client):
    from moderation.models import Report

    resource = make_resource()
    member_client.post(f"/resources/{resource.pk}/report/", {"reason": "identifies_survivor", "note": "page 3"})
    assert Report.objects.get().note == "page 3"


def test_translations_are_linked_by_their_addresses(client, expert):
    english = make_resource(title="Safety planning")
    client.force_login(expert)
    client.post(
        "/resources/new/",
        {
            **post_data(title="Планирование безопасности"),
            "translations": f"https://hub.example{english.get_absolute_url()}",
            "external_url": "https://example.org/ru",
        },
    )
    russian = Resource.objects.get(title="Планирование безопасности")
    assert list(russian.translations.all()) == [english]
    content = client.get(english.get_absolute_url()).content.decode()
    assert "Планирование безопасности" in content


def test_an_unknown_translation_address_is_explained(client, expert, other_member):
    draft = make_resource(author=other_member, submit=False)
    client.force_login(expert)
    response = client.post(
        "/resources/new/",
        {**post_data(), "translations": draft.get_absolute_url(), "external_url": "https://example.org/x"},
    )
    assert response.status_code == 200
    assert "Some addresses are not published resources" in response.content.decode()


def test_the_author_edits_their_draft(client, member):
    draft = make_resource(author=member, submit=False)
    client.force_login(member)
    response = client.post(
        f"/resources/{draft.pk}/edit/", post_data(title="Better title", external_url="https://a.example")
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Better title"
    assert draft.state == State.DRAFT


def test_a_sent_back_draft_can_be_submitted_again(client, member, moderator):
    from resources import services

    resource = make_resource(author=member)
    services.resource_request_changes(actor=moderator, resource=resource, reason="Add the year")
    client.force_login(member)
    client.post(f"/resources/{resource.pk}/submit/")
    resource.refresh_from_db()
    assert resource.state == State.IN_REVIEW
    assert resource.review_note == ""


def test_the_library_speaks_russian(member_client):
    make_resource()
    content = member_client.get("/resources/", headers={"Accept-Language": "ru"}).content.decode()
    assert "Библиотека успешных практик" in content
    assert "1 скачивание" not in content and "0 скачиваний" in content


@pytest.mark.parametrize("count", [3, 30])
def test_my_resources_cost_a_constant_number_of_queries(
    client, steady_sessions, member, count, django_assert_num_queries
):
    for index in range(count):
        make_resource(author=member, title=f"Draft {index}", submit=False, uploads=[])
    client.force_login(member)
    client.get("/resources/")  # the first request of a session records it
    with django_assert_num_queries(MINE_QUERIES):
        response = client.get("/resources/mine/")
    assert len(response.context["page"].items) == count


@pytest.mark.parametrize("count", [3, 30])
def test_the_review_queue_costs_a_constant_number_of_queries(
    moderator_client, steady_sessions, count, django_assert_num_queries
):
    submitter = UserFactory()
    for index in range(count):
        make_resource(author=submitter, title=f"Submission {index}")
    moderator_client.get("/resources/")  # the first request of a session records it
    with django_assert_num_queries(REVIEW_QUERIES):
        response = moderator_client.get("/resources/review/")
    assert len(response.context["page"].items) == count


def test_an_oversize_file_is_refused_while_it_arrives(client, expert, settings):
    settings.UPLOAD_MAX_BYTES = 4096
    client.force_login(expert)
    big = upload("huge.pdf", b"%PDF-1.4\n" + b"0" * 100_000)
    response = client.post("/resources/new/", {**post_data(title="Kept"), "files": [big]})
    assert response.status_code == 200
    assert "“huge.pdf” is larger than" in response.content.decode()
    assert 'value="Kept"' in response.content.decode()
    assert not Resource.objects.exists()


def test_an_oversize_new_version_is_refused_with_its_reason(client, expert, settings):
    resource = make_resource(author=expert)
    settings.UPLOAD_MAX_BYTES = 4096
    client.force_login(expert)
    item = resource.files.get()
    response = client.post(
        f"/resources/files/{item.pk}/new-version/", {"upload": upload("v2.pdf", b"%PDF-1.4\n" + b"0" * 100_000)}
    )
    content = response.content.decode()
    assert "“v2.pdf” is larger than" in content
    assert "This field is required" not in content
    assert item.versions.count() == 1


def test_uploads_still_need_the_csrf_token(expert):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(expert)
    response = client.post("/resources/new/", {**post_data(), "files": [pdf_upload()]})
    assert response.status_code == 403
    assert not Resource.objects.exists()


def test_a_moderator_without_two_factor_does_not_see_drafts(client, other_member):
    draft = make_resource(author=other_member, submit=False)
    client.force_login(UserFactory(role=Role.MODERATOR, two_factor=False))
    assert client.get(draft.get_absolute_url()).status_code == 404
