import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_login_and_reveals_no_data(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_safety_page_is_public_and_says_what_quick_exit_does_not_do(client):
    response = client.get(reverse("safety"))
    assert response.status_code == 200
    assert "does not erase your browser history" in response.content.decode()


def test_member_pages_are_never_stored_by_the_browser(member_client):
    response = member_client.get("/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_every_page_carries_the_quick_exit_button_and_script(client):
    body = client.get(reverse("account_login")).content.decode()
    assert "data-quick-exit" in body
    assert "js/quick-exit.js" in body


def test_pages_load_nothing_from_other_hosts(member_client):
    response = member_client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    body = response.content.decode()
    assert "http://" not in body.replace("http://testserver", "")
    assert "https://" not in body.replace(response.wsgi_request.build_absolute_uri("/"), "").replace(
        'data-exit-url="https://', ""
    ).replace('href="https://www.google.com/search?q=weather"', "")


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_language_switch_works_for_anonymous_visitors(client):
    response = client.post(reverse("set_language"), {"language": "ru", "next": "/accounts/login/"})
    assert response.status_code == 302
    page = client.get("/accounts/login/").content.decode()
    assert 'lang="ru"' in page
    assert "Выйти с этой страницы" in page


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/", "/"),
        ("/forum/", "/forum/"),
        ("/resources/", "/resources/"),
        ("/chat/", "/chat/"),
        ("/members/", "/members/"),
    ],
)
def test_the_navigation_marks_the_section_of_the_page_by_its_route(member_client, path, current):
    import re

    body = member_client.get(path, follow=True).content.decode()
    marked = re.findall(r'<a href="([^"]+)" aria-current="page"', body)
    assert set(marked) == {current}
