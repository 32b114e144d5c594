"""Journey: a member searches a Russian word and opens a result from the library and one
from the forum."""

from tests.factories import TEST_PASSWORD, UserFactory
from tests.forum import factories as forum_factories
from tests.helpers import LIVE_DB
from tests.resources.factories import make_resource

from .conftest import log_in

pytestmark = LIVE_DB


def test_a_russian_word_finds_a_resource_and_a_forum_thread_in_other_word_forms(page):
    expert = UserFactory(role="expert")
    member = UserFactory()
    make_resource(
        expert,
        title="Руководство по работе кризисных центров",
        summary="Стандарты помощи пострадавшим от домашнего насилия.",
    )
    forum_factories.thread(
        expert, title="Опыт кризисного центра в Оше", body="Как мы организовали круглосуточный приём."
    )

    log_in(page, member.email, TEST_PASSWORD)
    page.get_by_role("searchbox", name="Search").first.fill("кризисный центр")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/r/*/")  # discreet mode: the term stays out of the address
    results = page.get_by_role("listitem").filter(has=page.get_by_role("heading"))
    assert results.count() >= 2

    page.get_by_role("link", name="Руководство по работе кризисных центров").click()
    page.wait_for_url("**/resources/**")
    assert page.get_by_role("heading", name="Руководство по работе кризисных центров").is_visible()

    page.go_back()
    page.get_by_role("link", name="Опыт кризисного центра в Оше").first.click()
    page.wait_for_url("**/forum/t/**")
    assert page.get_by_role("heading", name="Опыт кризисного центра в Оше").is_visible()
