"""Discreet mode (on by default): what the browser keeps (tab titles, addresses, history,
download names, autofill) does not tell someone looking at the device what a member read."""

import html
import re

import pytest
from django.test import Client

from core.discreet import SECTIONS
from search import query_tokens
from search.models import Document
from tests.authz import OK
from tests.chat import factories as chat_factories
from tests.conftest import make_persona
from tests.factories import UserFactory
from tests.forum import factories as forum_factories
from tests.resources.factories import make_resource
from tests.test_authorization_matrix import ROUTES

pytestmark = pytest.mark.django_db

SITE = "Alliance Hub"
# The offline page stands alone (the service worker keeps it) and names no content.
ALLOWED_TITLES = {SITE, f"No connection · {SITE}"} | {f"{section} · {SITE}" for section in SECTIONS.values()}
TITLE_RE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


def title_of(response) -> str | None:
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return None
    match = TITLE_RE.search(response.content.decode(errors="replace"))
    return html.unescape(match.group(1)).strip() if match else None


def discreet_off(user):
    user.discreet_mode = False
    user.save(update_fields=["discreet_mode"])
    return user


# Every page of the authorisation matrix that an administrator may open, so moderation pages,
# member profiles, chat rooms and direct conversations are included.
PAGES = [route for route in ROUTES if route.method == "get" and route.expect.get("admin") == OK]


@pytest.mark.parametrize("route", PAGES, ids=[route.label() + route.id for route in PAGES])
def test_every_member_page_titles_only_its_section(client, route):
    users = {name: make_persona(name) for name in ("anonymous", "member", "expert", "moderator", "admin")}
    users |= {name: make_persona(name) for name in ("pending", "suspended", "rejected")}
    users["owner"] = UserFactory(display_name="Owner Zhanar Secretname")
    context = {"users": users, **(route.setup(users) if route.setup else {})}
    path = route.path(context) if callable(route.path) else route.path
    data = route.data(context) if callable(route.data) else route.data
    client.force_login(users["admin"])
    response = client.get(path, data, follow=True)
    title = title_of(response)
    if title is None:  # downloads, feeds and other non-pages
        return
    assert title in ALLOWED_TITLES, f"{path}: {title!r}"


def test_with_discreet_mode_off_a_thread_page_is_titled_by_its_thread(client, member):
    thread = forum_factories.thread(title="Shelter places in Osh")
    client.force_login(discreet_off(member))
    response = client.get(thread.get_absolute_url(), follow=True)
    assert title_of(response) == f"Shelter places in Osh · {SITE}"


def test_in_discreet_mode_a_thread_page_is_titled_forum(member_client):
    thread = forum_factories.thread(title="Shelter places in Osh")
    response = member_client.get(thread.get_absolute_url(), follow=True)
    assert title_of(response) == f"Forum · {SITE}"
    assert "Shelter places in Osh" in response.content.decode()  # the page itself still says it


def test_new_members_and_existing_ones_have_discreet_mode_on():
    assert UserFactory().discreet_mode is True


def test_the_profile_form_explains_and_saves_discreet_mode(member_client, member):
    body = member_client.get("/accounts/profile/").content.decode()
    assert 'name="discreet_mode"' in body and "checked" in body.split('name="discreet_mode"')[1].split(">")[0]
    assert "neutral names" in body


# Addresses


def test_a_thread_link_carries_only_its_id_and_the_slugged_address_redirects(member_client):
    thread = forum_factories.thread(title="Shelter places in Osh")
    assert thread.get_absolute_url() == f"/forum/t/{thread.pk}/"
    response = member_client.get(f"/forum/t/{thread.pk}/{thread.slug}/")
    assert response.status_code == 302 and response["Location"] == f"/forum/t/{thread.pk}/"
    assert member_client.get(f"/forum/t/{thread.pk}/").status_code == 200
    assert thread.slug not in member_client.get("/forum/").content.decode()


def test_a_resource_link_carries_only_its_id_and_the_slugged_address_redirects(member_client):
    resource = make_resource(title="Court support for survivors")
    assert resource.get_absolute_url() == f"/resources/{resource.pk}/"
    response = member_client.get(f"/resources/{resource.pk}/{resource.slug}/")
    assert response.status_code == 302 and response["Location"] == f"/resources/{resource.pk}/"
    assert member_client.get(f"/resources/{resource.pk}/").status_code == 200


def test_with_discreet_mode_off_the_slugged_addresses_are_canonical_again(client, member):
    thread = forum_factories.thread(title="Shelter places in Osh")
    resource = make_resource(title="Court support for survivors")
    client.force_login(discreet_off(member))
    response = client.get(f"/forum/t/{thread.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/forum/t/{thread.pk}/{thread.slug}/"
    assert client.get(f"/forum/t/{thread.pk}/{thread.slug}/?page=1").status_code == 200
    response = client.get(f"/resources/{resource.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/resources/{resource.pk}/{resource.slug}/"


def test_a_private_room_is_addressed_by_id_and_its_named_address_redirects(member_client, member):
    room = chat_factories.private_room(members=[member], name="Shelter coordinators")
    assert room.get_absolute_url() == f"/chat/{room.pk}/"
    response = member_client.get(f"/chat/{room.slug}/", {"at": "3"})
    assert response.status_code == 302 and response["Location"] == f"/chat/{room.pk}/?at=3"
    page = member_client.get(f"/chat/{room.pk}/")
    assert page.status_code == 200 and title_of(page) == f"Chat · {SITE}"
    assert f"/chat/{room.slug}/" not in page.content.decode()


def test_search_results_link_threads_and_resources_by_id():
    thread = forum_factories.thread(title="Shelter places in Osh")
    resource = make_resource(title="Court support for survivors")
    assert Document.objects.get(kind="thread", object_id=thread.pk).url == f"/forum/t/{thread.pk}/"
    assert Document.objects.get(kind="resource", object_id=resource.pk).url == f"/resources/{resource.pk}/"


# Search


def test_a_search_posts_and_lands_on_a_token_address_without_the_term(member_client):
    forum_factories.thread(title="Shelter places in Osh", body="Beds for women in Osh.")
    response = member_client.post("/search/", {"q": "shelter"})
    assert response.status_code == 302
    address = response["Location"]
    assert re.fullmatch(r"/search/r/[\w-]{12,}/", address)
    assert "shelter" not in address
    page = member_client.get(address)
    body = page.content.decode()
    assert "Shelter places in Osh" in body
    assert title_of(page) == f"Search · {SITE}"
    assert 'autocomplete="off"' in body.split('id="search-q"')[1].split(">")[0]


def test_a_bookmarked_search_address_moves_the_term_out_of_the_address(member_client):
    response = member_client.get("/search/", {"q": "shelter", "kind": "thread"})
    assert response.status_code == 302
    assert "shelter" not in response["Location"] and response["Location"].endswith("?kind=thread")


def test_a_search_kind_tab_keeps_the_token_and_leaves_out_the_term(member_client):
    forum_factories.thread(title="Shelter places in Osh")
    address = member_client.post("/search/", {"q": "shelter"})["Location"]
    body = member_client.get(address, {"kind": "thread"}).content.decode()
    assert "Shelter places in Osh" in body
    assert "q=shelter" not in body


def test_an_expired_search_token_shows_the_empty_form_calmly(member_client, monkeypatch):
    forum_factories.thread(title="Shelter places in Osh")
    monkeypatch.setattr(query_tokens, "LIFETIME_SECONDS", -1)
    address = member_client.post("/search/", {"q": "shelter"})["Location"]
    response = member_client.get(address)
    body = response.content.decode()
    assert response.status_code == 200
    assert "That search has ended" in body
    assert "Shelter places in Osh" not in body and 'value="shelter"' not in body


def test_a_search_token_of_another_session_finds_nothing(member_client):
    forum_factories.thread(title="Shelter places in Osh")
    address = member_client.post("/search/", {"q": "shelter"})["Location"]
    other = Client()
    other.force_login(UserFactory())
    body = other.get(address).content.decode()
    assert "That search has ended" in body
    assert "Shelter places in Osh" not in body


def test_old_search_tokens_are_forgotten(member_client):
    addresses = [member_client.post("/search/", {"q": f"word{number}"})["Location"] for number in range(12)]
    assert len(member_client.session[query_tokens.SESSION_KEY]) == query_tokens.KEPT
    assert "That search has ended" in member_client.get(addresses[0]).content.decode()
    assert "That search has ended" not in member_client.get(addresses[-1]).content.decode()


def test_with_discreet_mode_off_search_keeps_the_term_in_the_address_and_title(client, member):
    forum_factories.thread(title="Shelter places in Osh")
    client.force_login(discreet_off(member))
    response = client.post("/search/", {"q": "shelter"})
    assert response["Location"] == "/search/?q=shelter"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert title_of(page) == f"Search: shelter · {SITE}"


def test_the_header_search_posts_with_a_csrf_token(member_client):
    body = member_client.get("/").content.decode()
    form = body.split('class="header-search"')[1].split("</form>")[0]
    assert 'method="post"' in form and "csrfmiddlewaretoken" in form
    assert 'autocomplete="off"' in form


# Sensitive fields and the dashboard


@pytest.mark.parametrize(
    "path,fields",
    [
        ("/forum/new/", ["title", "tags", "content_warning"]),
        ("/resources/new/", ["title", "content_warning"]),
        ("/forum/", ["tag"]),
        ("/resources/", ["q"]),
    ],
)
def test_sensitive_fields_are_not_remembered_by_the_browser(client, path, fields):
    client.force_login(UserFactory(role="expert"))
    body = client.get(path).content.decode()
    for name in fields:
        tags = re.findall(rf'<input[^>]*name="{name}"[^>]*>', body)
        assert tags, f"{path}: no field {name}"
        assert all('autocomplete="off"' in tag for tag in tags), f"{path}: {name}"


def test_the_dashboard_does_not_spell_out_the_subject(member_client, client, member):
    assert "Gender-Based Violence" not in member_client.get("/").content.decode()
    discreet_off(member)
    assert "Gender-Based Violence" in client.get("/").content.decode()
