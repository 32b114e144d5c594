"""Collections: who may make and change them, what members see in them, the audit trail,
hostile input and the cost of the pages."""

import pytest
from django.urls import reverse

from accounts.models import Role, Status
from moderation.models import AuditAction, AuditEntry
from resources import collections
from resources.models import Collection, CollectionItem
from tests.factories import UserFactory
from tests.helpers import with_second_factor

from .factories import make_resource

pytestmark = pytest.mark.django_db

COLLECTION_QUERIES = 8
LIST_QUERIES = 4


def _external(**overrides):
    return make_resource(uploads=[], external_url="https://example.org/r", **overrides)


def _collection(author, *resources, title="Starter kit"):
    collection = collections.collection_create(
        actor=author, data={"title": title, "introduction": "For **new** staff."}
    )
    for resource in resources:
        collections.collection_add(actor=author, collection=collection, resource=resource)
    return collection


def _titles(collection):
    return [item.resource.title for item in collection.items.select_related("resource").order_by("position", "id")]


@pytest.mark.parametrize("role", [Role.EXPERT, Role.MODERATOR])
def test_experts_and_moderators_create_a_collection(client, role):
    curator = UserFactory(role=role)
    with_second_factor(curator, client) if role == Role.MODERATOR else client.force_login(curator)
    response = client.post("/resources/collections/new/", {"title": "First steps", "introduction": "Read *these*."})
    collection = Collection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("resources:collection_edit", args=[collection.pk])
    assert collection.created_by == curator
    assert "<em>these</em>" in collection.introduction_html
    assert AuditEntry.objects.filter(action=AuditAction.COLLECTION_CREATE, target_id=str(collection.pk)).exists()


def test_a_member_cannot_create_a_collection(member_client):
    assert member_client.get("/resources/collections/new/").status_code == 403
    assert member_client.post("/resources/collections/new/", {"title": "Mine"}).status_code == 403
    assert not Collection.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, expert):
    collection = _collection(expert)
    for url in ("/resources/collections/", collection.get_absolute_url(), "/resources/collections/new/"):
        response = client.get(url)
        assert response.status_code in (302, 403, 404)
        assert b"Starter kit" not in response.content


@pytest.mark.parametrize("status", [Status.SUSPENDED, Status.PENDING])
def test_suspended_or_pending_accounts_see_no_collections(client, expert, status):
    collection = _collection(expert)
    client.force_login(UserFactory(role=Role.EXPERT, status=status))
    assert client.get("/resources/collections/").status_code in (302, 403)
    assert client.get(collection.get_absolute_url()).status_code in (302, 403, 404)
    assert client.post("/resources/collections/new/", {"title": "X"}).status_code in (302, 403)
    assert Collection.objects.count() == 1


def test_an_expert_cannot_change_another_experts_collection(client, expert):
    collection = _collection(expert, _external(title="A"))
    item = collection.items.get()
    client.force_login(UserFactory(role=Role.EXPERT))
    assert client.get(f"/resources/collections/{collection.pk}/edit/").status_code == 403
    assert client.post(f"/resources/collections/{collection.pk}/edit/", {"title": "Taken"}).status_code == 403
    assert client.post(f"/resources/collections/{collection.pk}/delete/").status_code == 403
    assert (
        client.post(f"/resources/collections/{collection.pk}/items/{item.pk}/", {"action": "remove"}).status_code == 403
    )
    collection.refresh_from_db()
    assert collection.title == "Starter kit" and collection.items.count() == 1


def test_a_moderator_may_change_any_collection(client, expert, moderator):
    collection = _collection(expert)
    with_second_factor(moderator, client)
    response = client.post(f"/resources/collections/{collection.pk}/edit/", {"title": "Renamed"})
    assert response.status_code == 302
    collection.refresh_from_db()
    assert collection.title == "Renamed"
    assert AuditEntry.objects.filter(action=AuditAction.COLLECTION_EDIT, actor=moderator).exists()


def test_an_author_who_is_no_longer_an_expert_cannot_change_their_collection(client, expert):
    collection = _collection(expert)
    expert.role = Role.MEMBER
    expert.save()
    client.force_login(expert)
    assert client.get(f"/resources/collections/{collection.pk}/edit/").status_code == 403


def test_members_see_only_the_published_resources_of_a_collection_in_order(client, member, expert):
    first, second, third = (_external(author=expert, title=t) for t in ("First", "Second", "Third"))
    collection = _collection(expert, first, second, third)
    collections.collection_move(
        actor=expert, collection=collection, item_id=collection.items.get(resource=third).pk, direction="up"
    )
    collections.collection_move(
        actor=expert, collection=collection, item_id=collection.items.get(resource=third).pk, direction="up"
    )
    from resources.services import resource_archive

    resource_archive(actor=expert, resource=second)
    client.force_login(member)
    page = client.get(collection.get_absolute_url(), follow=True)
    assert [item.resource.title for item in page.context["items"]] == ["Third", "First"]
    assert "Second" not in page.text
    assert "<strong>new</strong>" in page.text
    listed = client.get("/resources/collections/").context["page"].items
    assert listed[0].shown == 2


def test_moving_up_and_down_without_javascript(client, expert):
    collection = _collection(expert, *(_external(author=expert, title=t) for t in ("A", "B", "C")))
    client.force_login(expert)
    item_c = collection.items.get(resource__title="C")
    response = client.post(f"/resources/collections/{collection.pk}/items/{item_c.pk}/", {"action": "up"})
    assert response.status_code == 302 and response["Location"].endswith("#item-list")
    assert _titles(collection) == ["A", "C", "B"]
    item_a = collection.items.get(resource__title="A")
    client.post(f"/resources/collections/{collection.pk}/items/{item_a.pk}/", {"action": "down"})
    assert _titles(collection) == ["C", "A", "B"]
    client.post(f"/resources/collections/{collection.pk}/items/{item_a.pk}/", {"action": "remove"})
    assert _titles(collection) == ["C", "B"]
    moves = AuditEntry.objects.filter(action=AuditAction.COLLECTION_EDIT, target_id=str(collection.pk))
    assert {entry.data["change"] for entry in moves} == {"add", "move", "remove"}


def test_a_resource_is_added_by_its_address(client, expert):
    resource = _external(author=expert, title="Guide")
    collection = _collection(expert)
    client.force_login(expert)
    response = client.post(
        f"/resources/collections/{collection.pk}/items/",
        {"address": f"https://hub.example.org/resources/{resource.pk}/guide/"},
    )
    assert response.status_code == 302
    assert _titles(collection) == ["Guide"]


@pytest.mark.parametrize(
    "address",
    ["not an address", "/resources/999999/", "<script>alert(1)</script>", "/resources/" + "9" * 40 + "/", ""],
)
def test_hostile_or_unknown_addresses_are_refused_with_a_message_and_kept(client, expert, address):
    collection = _collection(expert)
    client.force_login(expert)
    response = client.post(f"/resources/collections/{collection.pk}/items/", {"address": address})
    assert response.status_code == 400
    assert b"<script>alert" not in response.content
    assert response.context["add_form"].errors
    assert not collection.items.exists()


def test_drafts_and_duplicates_cannot_be_added(client, expert, other_member):
    draft = make_resource(author=other_member, submit=False, uploads=[], external_url="https://e.org")
    published = _external(author=expert, title="Once")
    collection = _collection(expert, published)
    client.force_login(expert)
    for resource in (draft, published):
        response = client.post(
            f"/resources/collections/{collection.pk}/items/", {"address": f"/resources/{resource.pk}/"}
        )
        assert response.status_code == 400
    assert _titles(collection) == ["Once"]


def test_hostile_item_actions_are_refused(client, expert):
    collection = _collection(expert, _external(author=expert, title="A"))
    other = _collection(expert, _external(author=expert, title="B"), title="Other")
    client.force_login(expert)
    item = collection.items.get()
    assert (
        client.post(f"/resources/collections/{collection.pk}/items/{item.pk}/", {"action": "drop"}).status_code == 404
    )
    foreign = other.items.get()
    assert (
        client.post(f"/resources/collections/{collection.pk}/items/{foreign.pk}/", {"action": "remove"}).status_code
        == 404
    )
    assert client.get(f"/resources/collections/{collection.pk}/items/{item.pk}/").status_code == 405
    assert CollectionItem.objects.count() == 2


def test_a_title_with_markup_is_escaped_and_a_script_in_the_introduction_is_removed(client, expert, member):
    collection = collections.collection_create(
        actor=expert,
        data={"title": "<b>Bold</b>", "introduction": "<script>alert(1)</script> [x](javascript:alert(1))"},
    )
    client.force_login(member)
    page = client.get(collection.get_absolute_url(), follow=True)
    assert b"<b>Bold</b>" not in page.content and b"&lt;b&gt;Bold&lt;/b&gt;" in page.content
    assert "<script>alert" not in collection.introduction_html
    assert 'href="javascript:' not in collection.introduction_html
    assert collection.introduction_html in page.text


def test_an_empty_title_keeps_what_was_typed(client, expert):
    client.force_login(expert)
    response = client.post("/resources/collections/new/", {"title": "", "introduction": "Kept words"})
    assert response.status_code == 200
    assert b"Kept words" in response.content
    assert not Collection.objects.exists()


def test_discreet_mode_keeps_the_title_out_of_the_address_and_the_page_title(client, expert, member):
    collection = _collection(expert, title="Shelter contacts")
    member.discreet_mode = True
    member.save()
    client.force_login(member)
    response = client.get(collection.get_slugged_url())
    assert response.status_code == 302 and response["Location"] == collection.get_absolute_url()
    page = client.get(collection.get_absolute_url())
    title = page.text.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "Shelter contacts" not in title


def test_without_discreet_mode_the_slugged_address_is_canonical(client, expert, member):
    collection = _collection(expert, title="Shelter contacts")
    member.discreet_mode = False
    member.save()
    client.force_login(member)
    response = client.get(collection.get_absolute_url())
    assert response.status_code == 302 and response["Location"] == collection.get_slugged_url()


def test_the_title_and_introduction_show_in_the_members_language(client, expert, member):
    collection = _collection(expert, title="Starter kit")
    collection.translations = {"ru": {"title": "Стартовый набор", "introduction": "Для **новых**"}}
    collections.render_texts(collection)
    collection.save()
    member.ui_language = "ru"
    member.save()
    client.force_login(member)
    page = client.get(collection.get_absolute_url(), follow=True, HTTP_ACCEPT_LANGUAGE="ru")
    assert "Стартовый набор" in page.text
    assert "<strong>новых</strong>" in page.text


def test_deleting_a_collection_keeps_its_resources_and_is_audited(client, expert):
    resource = _external(author=expert, title="Stays")
    collection = _collection(expert, resource)
    client.force_login(expert)
    response = client.post(f"/resources/collections/{collection.pk}/delete/")
    assert response.status_code == 302
    assert not Collection.objects.exists()
    resource.refresh_from_db()
    assert AuditEntry.objects.filter(action=AuditAction.COLLECTION_DELETE).exists()


@pytest.mark.parametrize("count", [2, 12])
def test_the_collection_page_costs_a_constant_number_of_queries(
    client, settings, expert, count, django_assert_num_queries
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    collection = _collection(expert, *(_external(author=expert, title=f"R{i}") for i in range(count)))
    client.force_login(UserFactory())
    client.get("/resources/")
    with django_assert_num_queries(COLLECTION_QUERIES):
        response = client.get(collection.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["items"]) == count


@pytest.mark.parametrize("count", [1, 8])
def test_the_list_of_collections_costs_a_constant_number_of_queries(
    client, settings, expert, count, django_assert_num_queries
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    resource = _external(author=expert, title="Shared")
    for index in range(count):
        _collection(expert, resource, title=f"Collection {index}")
    client.force_login(UserFactory())
    client.get("/resources/")
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get("/resources/collections/")
    assert response.status_code == 200
    assert len(response.context["page"].items) == count
