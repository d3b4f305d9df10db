"""Error pages in the application's layout, in Polish, with a way back: 403, 404, 500 and a form
refused by the CSRF check."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


def assert_error_page(response, status, heading):
    page = response.content.decode()
    assert response.status_code == status
    assert heading in page
    assert 'href="/"' in page or f'href="{reverse("home:start")}"' in page
    assert "Przejdź do strony startowej" in page
    assert 'lang="pl"' in page and "Not Found" not in page


def test_an_unknown_address_answers_in_the_layout(client, social_worker):
    client.force_login(social_worker)

    response = client.get("/nie-ma-takiej-strony/")

    assert_error_page(response, 404, "Nie znaleziono strony")
    assert "navbar" in response.content.decode()


def test_a_page_the_role_may_not_open(client, social_worker, project):
    client.force_login(social_worker)

    response = client.get(reverse("reporting:dashboard", args=[project.pk]))

    assert_error_page(response, 403, "Brak uprawnień")


def test_a_form_refused_by_the_csrf_check(social_worker):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("login"), {"username": "x", "password": "y"})

    assert_error_page(response, 403, "Formularz wygasł")


def test_a_server_error_needs_neither_the_request_nor_the_database(django_assert_num_queries):
    request = RequestFactory().get("/")

    with django_assert_num_queries(0):
        response = server_error(request)

    assert_error_page(response, 500, "Coś poszło nie tak")
