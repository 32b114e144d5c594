import pytest

from tests.forum import factories

pytestmark = pytest.mark.django_db


def test_the_thread_list_announces_a_content_warning(member_client, member):
    factories.thread(member, title="Testimonies from Osh", content_warning="sexual violence")
    page = member_client.get("/forum/").content.decode()
    assert "thread-row__warning" in page and "sexual violence" in page


def test_the_thread_page_collapses_the_opening_post(member_client, member):
    thread = factories.thread(member, body="What happened to her", content_warning="sexual violence")
    page = member_client.get(thread.get_absolute_url()).content.decode()
    start = page.index('<details class="content-warning">')
    assert "sexual violence" in page[start : page.index("</summary>", start)]
    assert page.index("What happened to her") > start
