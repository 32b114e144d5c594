"""The library's filters: the results-and-facets fragment that library.js swaps in, the chosen
filters as removable chips, and the orders."""

import pytest

from accounts.models import Role
from taxonomy.models import Country, Theme
from tests.factories import UserFactory

from .factories import make_resource

pytestmark = pytest.mark.django_db

FRAGMENT = {"HTTP_X_LIBRARY_FRAGMENT": "1"}
FRAGMENT_QUERIES = 21  # with the "Translated into" facet and the cards' translations


def _two_countries():
    kz, kg = Country.objects.get(slug="kz"), Country.objects.get(slug="kg")
    dv = Theme.objects.get(slug="domestic-ipv")
    make_resource(title="Almaty shelters", countries=[kz], themes=[dv], uploads=[], external_url="https://e.org")
    make_resource(title="Bishkek shelters", countries=[kg], themes=[dv], uploads=[], external_url="https://e.org")


def test_the_fragment_holds_the_results_and_facets_without_the_page_around_them(member_client):
    _two_countries()
    response = member_client.get("/resources/?country=kz", **FRAGMENT)
    text = response.text
    assert response.status_code == 200
    assert 'id="library-results"' in text and 'id="facets"' in text
    assert "<html" not in text and 'id="library-filters"' not in text
    assert "Almaty shelters" in text and "Bishkek shelters" not in text
    assert "X-Library-Fragment" in response["Vary"]


def test_the_whole_page_loads_the_script_and_keeps_the_apply_button(member_client):
    page = member_client.get("/resources/").text
    assert "resources/library.js" in page
    assert "Apply filters" in page


def test_in_light_mode_the_library_loads_no_script(member_client):
    member_client.post("/light-mode/", {"light": "on", "next": "/"})
    assert "resources/library.js" not in member_client.get("/resources/").text


def test_each_chosen_filter_is_a_chip_linking_to_the_library_without_it(member_client):
    _two_countries()
    response = member_client.get("/resources/?country=kz&country=kg&theme=domestic-ipv&sort=title&after=abc")
    chips = {chip.label: chip.query for chip in response.context["chips"]}
    assert chips["Kazakhstan"] == "country=kg&theme=domestic-ipv&sort=title"
    assert chips["Kyrgyzstan"] == "country=kz&theme=domestic-ipv&sort=title"
    assert chips["Domestic and intimate partner violence"] == "country=kz&country=kg&sort=title"
    assert 'href="?country=kg&amp;theme=domestic-ipv&amp;sort=title"' in response.text


def test_the_search_words_and_years_are_chips_too(member_client):
    response = member_client.get("/resources/?q=shelter&year_min=2020")
    chips = {chip.facet: chip for chip in response.context["chips"]}
    assert chips["Search"].label == "shelter" and chips["Search"].query == "year_min=2020"
    assert chips["From year"].query == "q=shelter"


def test_without_filters_there_are_no_chips(member_client):
    response = member_client.get("/resources/?sort=title")
    assert response.context["chips"] == []
    assert "Chosen filters" not in response.text


def test_the_count_of_results_is_written_for_screen_readers_to_announce(member_client):
    _two_countries()
    assert "1 resource matches." in member_client.get("/resources/?country=kz", **FRAGMENT).text


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("newest", ["Charlie", "Bravo", "Alpha"]),
        ("downloads", ["Bravo", "Alpha", "Charlie"]),
        ("title", ["Alpha", "Bravo", "Charlie"]),
    ],
)
def test_each_order_pages_through_every_resource_once(member_client, monkeypatch, sort, expected):
    import resources.views as views
    from resources.models import Resource

    expert = UserFactory(role=Role.EXPERT)
    for title, downloads in (("Alpha", 5), ("Bravo", 9), ("Charlie", 0)):
        resource = make_resource(author=expert, title=title, uploads=[], external_url="https://e.org")
        Resource.objects.filter(pk=resource.pk).update(download_count=downloads)
    # Two at a time, following the keyset cursor to the end.
    original = views.keyset_page
    monkeypatch.setattr(views, "keyset_page", lambda *args, **kwargs: original(*args, **{**kwargs, "size": 2}))
    seen, cursor = [], None
    while True:
        query = f"/resources/?sort={sort}" + (f"&after={cursor}" if cursor else "")
        page = member_client.get(query).context["page"]
        seen += [resource.title for resource in page.items]
        cursor = page.next_cursor
        if not cursor:
            break
    assert seen == expected


@pytest.mark.parametrize("count", [3, 30])
def test_the_fragment_costs_a_constant_number_of_queries(client, settings, count, django_assert_num_queries):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    expert = UserFactory(role=Role.EXPERT)
    for index in range(count):
        make_resource(author=expert, title=f"Resource {index}", uploads=[], external_url="https://e.org")
    client.force_login(UserFactory())
    client.get("/resources/")  # the first request of a session records it
    # The whole page's reads less one: the header around the page is not rendered.
    with django_assert_num_queries(FRAGMENT_QUERIES):
        response = client.get("/resources/?country=kz&sort=downloads", **FRAGMENT)
    assert response.status_code == 200
