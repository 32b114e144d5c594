import pytest
from django.http import QueryDict
from django.utils import timezone

from resources.filters import ResourceFilter
from resources.models import Resource, State
from taxonomy.models import Country, Language, ResourceType, Theme

pytestmark = pytest.mark.django_db

# Form validation of the selected country, then per facet one aggregate and one term list
# (five taxonomy facets), licence and files aggregates, and the page of results.
FACET_QUERIES = 15  # with the "Translated into" facet


def bulk_library(size: int) -> None:
    """``size`` published resources; even ones in Kazakhstan, odd ones in Kyrgyzstan."""
    now = timezone.now()
    Resource.objects.bulk_create(
        Resource(
            title=f"Resource {i}",
            slug=f"resource-{i}",
            summary="Summary",
            uploader_name="Expert",
            state=State.PUBLISHED,
            published_at=now,
            licence="cc-by-4.0" if i % 3 else "cc-by-nc-4.0",
            year=2015 + i % 10,
            has_files=bool(i % 2),
        )
        for i in range(size)
    )
    ids = list(Resource.objects.order_by("id").values_list("id", flat=True))
    kz, kg = Country.objects.get(slug="kz"), Country.objects.get(slug="kg")
    toolkit = ResourceType.objects.get(slug="toolkit")
    theme = Theme.objects.get(slug="domestic-ipv")
    russian = Language.objects.get(slug="ru")
    Resource.countries.through.objects.bulk_create(
        Resource.countries.through(resource_id=pk, country_id=(kz if i % 2 == 0 else kg).pk) for i, pk in enumerate(ids)
    )
    Resource.types.through.objects.bulk_create(
        Resource.types.through(resource_id=pk, resourcetype_id=toolkit.pk) for pk in ids
    )
    Resource.themes.through.objects.bulk_create(
        Resource.themes.through(resource_id=pk, theme_id=theme.pk) for pk in ids[::4]
    )
    Resource.languages.through.objects.bulk_create(
        Resource.languages.through(resource_id=pk, language_id=russian.pk) for pk in ids
    )


def run_facets(query: str):
    filterset = ResourceFilter(QueryDict(query), queryset=Resource.objects.published())
    facets = {facet.name: {v.value: v.count for v in facet.values} for facet in filterset.facets()}
    results = list(filterset.qs.order_by(*filterset.ordering)[:20])
    return facets, results


@pytest.mark.parametrize("size", [10, 10_000])
def test_facet_counts_take_a_constant_number_of_queries(size, django_assert_num_queries):
    bulk_library(size)
    with django_assert_num_queries(FACET_QUERIES):
        run_facets("country=kz&licence=cc-by-4.0")


@pytest.mark.parametrize("size", [10, 10_000])
def test_facet_counts_are_right_at_any_size(size):
    bulk_library(size)
    facets, results = run_facets("country=kz")
    # The country facet ignores its own filter; the others count within Kazakhstan.
    assert facets["country"]["kz"] == (size + 1) // 2
    assert facets["country"]["kg"] == size // 2
    assert facets["type"]["toolkit"] == (size + 1) // 2
    assert facets["theme"]["domestic-ipv"] == len(range(0, size, 4))
    assert facets["has_files"]["no"] == (size + 1) // 2
    assert facets["has_files"]["yes"] == 0
    assert len(results) == min(20, (size + 1) // 2)


def test_values_within_a_facet_combine_with_or_and_facets_with_and():
    bulk_library(10)
    _facets, results = run_facets("country=kz&country=kg&has_files=yes")
    assert {r.has_files for r in results} == {True}
    assert len(results) == 5


def test_a_year_range_narrows_the_results():
    bulk_library(10)
    facets, results = run_facets("year_min=2020&year_max=2021")
    assert sorted(r.year for r in results) == [2020, 2021]
    assert facets["country"]["kz"] + facets["country"]["kg"] == 2


def _facet_count(client, facet: str, value: str, query: str = "") -> int:
    facets = client.get(f"/resources/{query}").context["facets"]
    (found,) = [v for f in facets if f.name == facet for v in f.values if v.value == value]
    return found.count


def test_shared_facet_counts_follow_a_new_publication(member_client):
    from tests.resources.factories import make_resource

    before = _facet_count(member_client, "country", "kz")
    make_resource()  # an expert publishes a Kazakhstan resource
    assert _facet_count(member_client, "country", "kz") == before + 1


def test_shared_facet_counts_follow_a_change_of_terms(member_client):
    from tests.resources.factories import make_resource, terms

    resource = make_resource()
    assert _facet_count(member_client, "country", "kg") == 0
    resource.countries.set(terms(Country, "kg"))
    assert _facet_count(member_client, "country", "kg") == 1


def test_facet_labels_are_kept_per_language(member_client):
    english = member_client.get("/resources/").context["facets"]
    member_client.cookies["django_language"] = "ru"
    russian = member_client.get("/resources/").context["facets"]
    assert [f.label for f in english] != [f.label for f in russian]


def test_a_members_own_draft_never_enters_the_shared_counts(member_client, member):
    from tests.resources.factories import make_resource

    before = _facet_count(member_client, "country", "kz")
    make_resource(author=member, submit=False)
    assert _facet_count(member_client, "country", "kz") == before
