"""Each project's keeping period: the grant agreement's date set by the coordinator, or the
project's end plus the default years, shown on the project page."""

from datetime import date

from django.urls import reverse

from projects.models import Project

from . import fixtures_projects
from .factories import ProjectFactory
from .fixtures_projects import update_url
from .helpers.forms import project_post_data

coordinator_client = fixtures_projects.coordinator_client


def test_without_an_agreement_date_it_keeps_the_default_years_after_the_end(db, settings):
    settings.RETENTION_DEFAULT_YEARS = 10
    project = ProjectFactory(start_date=date(2026, 3, 1), end_date=date(2028, 2, 29))

    assert project.retention_end == date(2038, 2, 28)
    assert not project.retention_set_by_agreement


def test_the_agreement_date_wins_over_the_default(db):
    project = ProjectFactory(end_date=date(2026, 6, 30), keep_until=date(2031, 12, 31))

    assert project.retention_end == date(2031, 12, 31)
    assert project.retention_passed(date(2032, 1, 1))
    assert not project.retention_passed(date(2031, 12, 31))


def test_the_coordinator_sets_the_date_from_the_agreement(coordinator_client, project):
    data = project_post_data(project) | {"keep_until": "31.12.2035"}

    response = coordinator_client.post(update_url(project), data)

    assert response.status_code == 302
    assert Project.objects.get(pk=project.pk).keep_until == date(2035, 12, 31)
    page = coordinator_client.get(reverse("projects:project_detail", args=[project.pk]))
    assert "31 grudnia 2035" in page.content.decode()
    assert "zgodnie z umową o dofinansowanie" in page.content.decode()


def test_the_page_says_when_the_default_applies(coordinator_client, project, settings):
    settings.RETENTION_DEFAULT_YEARS = 10

    page = coordinator_client.get(reverse("projects:project_detail", args=[project.pk]))

    text = page.content.decode()
    assert f"{project.end_date.year + 10}" in text
    assert "plus 10 lat" in text


def test_it_refuses_a_keeping_date_before_the_project_ends(coordinator_client, project):
    data = project_post_data(project) | {"keep_until": project.start_date.strftime("%d.%m.%Y")}

    response = coordinator_client.post(update_url(project), data)

    assert response.status_code == 400
    assert Project.objects.get(pk=project.pk).keep_until is None
