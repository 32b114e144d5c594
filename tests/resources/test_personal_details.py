import pytest

from resources.models import Resource

from .factories import pdf_upload
from .test_views import post_data

pytestmark = pytest.mark.django_db


def test_a_description_with_an_email_is_questioned_and_nothing_saved(client, expert):
    client.force_login(expert)
    data = {**post_data(description="Contact the author at aigul@example.kz"), "files": [pdf_upload()]}
    response = client.post("/resources/new/", data)
    assert response.status_code == 200
    assert "seems to contain an email address" in response.text
    assert not Resource.objects.exists()


def test_a_confirmed_description_is_saved(client, expert):
    client.force_login(expert)
    data = {
        **post_data(description="Contact the author at aigul@example.kz"),
        "files": [pdf_upload()],
        "personal_details_checked": "on",
    }
    response = client.post("/resources/new/", data)
    assert response.status_code == 302
    assert Resource.objects.get().description == "Contact the author at aigul@example.kz"


def test_a_description_with_a_street_address_is_questioned(client, expert):
    client.force_login(expert)
    data = {**post_data(description="The shelter is at Rudaki avenue 45, apartment 7"), "files": [pdf_upload()]}
    response = client.post("/resources/new/", data)
    assert response.status_code == 200
    assert "seems to contain a street address" in response.text
    assert not Resource.objects.exists()
