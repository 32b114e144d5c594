"""A library description sits right under the page title: its headings start at h2."""

from tests.resources.factories import make_resource


def test_a_description_with_headings_keeps_the_page_heading_order(db, client):
    resource = make_resource(description="# Background\n\nText\n\n### Steps\n\nMore")
    assert "<h2>Background</h2>" in resource.description_html
    assert "<h3>Steps</h3>" in resource.description_html
