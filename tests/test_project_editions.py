"""A project's editions within its period: dates outside it refused, the period named in the
page's language, editions checked against new project dates and moved along with them."""

from datetime import date

import pytest
from django.utils import translation
from django.utils.html import escape

from . import fixtures_projects
from .factories import EditionFactory
from .fixtures_projects import choose_language, row_of, set_row, snapshot, update_url
from .helpers.forms import add_row, project_post_data

# The shared fixtures, bound here so that pytest finds them in this module.
coordinator_client = fixtures_projects.coordinator_client


def period_message(project, language: str) -> str:
    with translation.override(language):
        return escape(project.period_error())


# --- Editions within the project period -----------------------------------------------------


@pytest.mark.parametrize("language", ["pl", "en"])
@pytest.mark.parametrize(
    ("start", "end"),
    [("2024-12-01", "2025-02-28"), ("2026-11-01", "2027-01-31")],
    ids=["starts-before", "ends-after"],
)
def test_it_rejects_edition_dates_outside_the_project_period(
    coordinator_client, project, coordinator, language, start, end
):
    before = snapshot(project)
    data = project_post_data(project)
    add_row(data, "editions", number=1, start_date=start, end_date=end)

    choose_language(coordinator_client, language)
    response = coordinator_client.post(update_url(project), data)

    assert response.status_code == 400
    assert period_message(project, language) in response.content.decode()
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("language", "period"),
    [("pl", "01.01.2025 – 31.12.2026"), ("en", "01/01/2025 – 12/31/2026")],
)
def test_it_names_the_project_period_in_the_language_of_the_page(
    coordinator_client, project, coordinator, language, period
):
    data = project_post_data(project)
    add_row(data, "editions", number=1, start_date="2024-12-01", end_date="2025-02-28")

    choose_language(coordinator_client, language)
    response = coordinator_client.post(update_url(project), data)

    assert period in period_message(project, language)
    assert period_message(project, language) in response.content.decode()


def test_it_checks_existing_editions_against_the_new_project_dates(
    coordinator_client, project, coordinator
):
    EditionFactory(
        project=project, number=1, start_date=date(2026, 3, 1), end_date=date(2026, 6, 30)
    )
    before = snapshot(project)
    data = project_post_data(project) | {"end_date": "2025-12-31"}

    response = coordinator_client.post(update_url(project), data)

    assert response.status_code == 400
    project.end_date = date(2025, 12, 31)
    assert period_message(project, "pl") in response.content.decode()
    assert snapshot(project) == before


def test_it_accepts_editions_moved_together_with_the_project(
    coordinator_client, project, coordinator
):
    edition = EditionFactory(project=project, number=1)
    data = project_post_data(project) | {"start_date": "2027-01-01", "end_date": "2027-12-31"}
    set_row(
        data,
        "editions",
        row_of(data, "editions", edition.pk),
        start_date="2027-02-01",
        end_date="2027-11-30",
    )

    response = coordinator_client.post(update_url(project), data)

    assert response.status_code == 302
    edition.refresh_from_db()
    assert (edition.start_date, edition.end_date) == (date(2027, 2, 1), date(2027, 11, 30))
