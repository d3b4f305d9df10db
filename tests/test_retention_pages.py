"""The administrator's retention pages: the keeping periods, the dry run that changes nothing,
the anonymisation behind the password, the record of those done; no one else reaches them."""

import time
from datetime import date

import pytest
from django.urls import reverse

from accounts.reauth import SESSION_KEY
from participants.models import Person
from retention.models import Anonymisation

from .factories import ParticipationFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    return client


def confirm_password(client):
    """As the password page does."""
    session = client.session
    session[SESSION_KEY] = int(time.time())
    session.save()


def password_typed_long_ago(client):
    """Signing in counts as typing the password; some time later it no longer does."""
    session = client.session
    session[SESSION_KEY] = int(time.time()) - 24 * 3600
    session.save()


@pytest.fixture
def finished(db):
    project = ProjectFactory(short_name="STARY-2012", start_date=date(2012, 1, 1),
                             end_date=date(2012, 12, 31), keep_until=date(2020, 12, 31))
    ParticipationFactory(project=project, person__last_name="Archiwalna")
    return project


def page(project):
    return reverse("retention:project_anonymise", args=[project.pk])


def test_the_start_page_links_the_administrator_to_the_retention_page(admin_client):
    assert reverse("retention:overview") in admin_client.get(reverse("home:start")).content.decode()


def test_the_coordinator_has_no_link_and_no_access(client, coordinator, finished):
    client.force_login(coordinator)

    assert reverse("retention:overview") not in client.get(reverse("home:start")).content.decode()
    assert client.get(reverse("retention:overview")).status_code == 403
    assert client.post(page(finished)).status_code == 403
    assert Person.objects.filter(last_name="Archiwalna").exists()


def test_others_learn_nothing_from_project_numbers(client, coordinator, finished):
    client.force_login(coordinator)

    assert client.get(reverse("retention:project_anonymise", args=[99999])).status_code == 403
    assert client.get(page(finished)).status_code == 403


def test_an_unknown_project_is_not_found(admin_client):
    assert admin_client.get(reverse("retention:project_anonymise", args=[99999])).status_code == 404


def test_the_overview_lists_projects_and_their_periods(admin_client, finished):
    ProjectFactory(short_name="TRWA-2025", keep_until=date(2099, 12, 31))

    text = admin_client.get(reverse("retention:overview")).content.decode()

    assert "STARY-2012" in text and "31.12.2020" in text
    assert page(finished) in text
    assert "TRWA-2025" in text and "31.12.2099" in text


def test_the_dry_run_page_asks_for_the_password_first(admin_client, finished):
    password_typed_long_ago(admin_client)

    response = admin_client.get(page(finished))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:confirm_password"))


def test_the_dry_run_shows_what_will_go_and_changes_nothing(admin_client, finished):
    confirm_password(admin_client)

    response = admin_client.get(page(finished))

    assert response.status_code == 200
    text = response.content.decode()
    assert "Próba: co zostanie usunięte" in text
    assert "osoby zanonimizowane" in text.lower()
    assert Person.objects.filter(last_name="Archiwalna").exists()
    assert not Anonymisation.objects.exists()


def test_confirming_without_the_password_lately_goes_to_the_password_page(admin_client, finished):
    password_typed_long_ago(admin_client)

    response = admin_client.post(page(finished))

    assert response["Location"].startswith(reverse("accounts:confirm_password"))
    assert Person.objects.filter(last_name="Archiwalna").exists()


def test_confirming_anonymises_and_lists_the_record(admin_client, finished):
    confirm_password(admin_client)

    response = admin_client.post(page(finished))

    assert response.status_code == 302
    assert not Person.objects.filter(last_name="Archiwalna").exists()
    record = Anonymisation.objects.get()
    assert (record.project, record.by.username, record.people) == (finished, "admin", 1)
    listed = admin_client.get(reverse("retention:overview")).content.decode()
    assert "Anonimizacje wykonane" in listed and "STARY-2012" in listed


def test_a_project_still_kept_is_refused(admin_client):
    project = ProjectFactory(keep_until=date(2099, 12, 31))
    ParticipationFactory(project=project, person__last_name="Bieżąca")
    confirm_password(admin_client)

    assert "31.12.2099" in admin_client.get(page(project)).content.decode()
    response = admin_client.post(page(project))

    assert response.status_code == 400
    assert Person.objects.filter(last_name="Bieżąca").exists()
    assert not Anonymisation.objects.exists()
