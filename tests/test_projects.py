"""Projects: creating one, the edit page that saves everything or nothing, the team that keeps a
coordinator, queries that do not grow with the rows, and who created and edited a project."""

from datetime import date
from unittest import mock

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from accounts.roles import Role
from projects.forms import TeamFormSet
from projects.models import FundingProgramme, IndicatorDefinition, Project, SupportAreaCommune

from . import fixtures_projects
from .factories import (
    EditionFactory,
    IndicatorTargetFactory,
    MembershipFactory,
    OrganisationFactory,
    ProjectFactory,
    UserFactory,
)
from .fixtures_projects import choose_language, row_of, set_row, snapshot, update_url
from .helpers.forms import add_row, project_post_data

# The shared fixtures, bound here so that pytest finds them in this module.
coordinator_client = fixtures_projects.coordinator_client


def in_language(language: str, message: str) -> str:
    """A message of the application as the page shows it in that language."""
    with translation.override(language):
        return escape(translation.gettext(message))


@pytest.fixture
def indicator(db):
    return IndicatorDefinition.objects.get(code="participants-women")


# --- Creating a project ---------------------------------------------------------------------


def create_data(office, **overrides) -> dict:
    return {
        "title": "Aktywni razem",
        "short_name": "AKT-2025",
        "programme": FundingProgramme.objects.get(code="fel-2021-2027").pk,
        "lead_beneficiary": office.pk,
        "start_date": "2025-01-01",
        "end_date": "2026-06-30",
    } | overrides


def test_it_makes_the_creator_the_coordinator_of_a_new_project(
    coordinator_client, coordinator, office
):
    response = coordinator_client.post(reverse("projects:project_create"), create_data(office))

    project = Project.objects.get(short_name="AKT-2025")
    assert response.status_code == 302
    assert response["Location"] == update_url(project)
    assert list(project.memberships.values_list("user", "role", "is_active")) == [
        (coordinator.pk, Role.COORDINATOR, True)
    ]


def test_it_proposes_the_own_organisation_as_lead_beneficiary(coordinator_client, office):
    OrganisationFactory(recorded_by=office)

    response = coordinator_client.get(reverse("projects:project_create"))

    assert response.status_code == 200
    assert response.context["form"]["lead_beneficiary"].value() == office.pk
    assert f'<option value="{office.pk}" selected>' in response.content.decode()


def test_it_rejects_a_project_that_ends_before_it_starts(coordinator_client, office):
    data = create_data(office, start_date="2025-06-01", end_date="2025-05-31")

    response = coordinator_client.post(reverse("projects:project_create"), data)

    assert response.status_code == 400
    message = in_language("pl", "The project cannot end before it starts.")
    assert message in response.content.decode()
    assert not Project.objects.filter(short_name="AKT-2025").exists()


def test_it_rejects_an_edit_that_makes_the_project_end_before_it_starts(
    coordinator_client, project
):
    before = snapshot(project)
    data = project_post_data(project) | {"end_date": "2024-12-31"}

    response = coordinator_client.post(update_url(project), data)

    assert response.status_code == 400
    message = in_language("pl", "The project cannot end before it starts.")
    assert message in response.content.decode()
    assert snapshot(project) == before


@pytest.mark.parametrize(
    "model_factory", [ProjectFactory, EditionFactory], ids=["project", "edition"]
)
def test_it_keeps_periods_ordered_in_the_database(db, model_factory):
    obj = model_factory()
    obj.end_date = date(2024, 12, 31)
    obj.start_date = date(2025, 1, 1)

    with pytest.raises(IntegrityError), transaction.atomic():
        obj.save()


# --- The edit page: everything or nothing ---------------------------------------------------


def test_it_saves_project_editions_area_targets_and_team_together(
    coordinator_client, project, coordinator, office, indicator
):
    newcomer = UserFactory(organisation=office)
    data = project_post_data(project) | {"title": "Nowy tytuł"}
    add_row(
        data, "editions", number=1, name="Wiosna", start_date="2025-03-01", end_date="2025-06-30"
    )
    add_row(
        data,
        "area",
        voivodeship="lubelskie",
        county="lubartowski",
        commune="Lubartów",
        teryt="0608011",
    )
    add_row(data, "targets", indicator=indicator.pk, target_value="40")
    add_row(data, "team", user=newcomer.pk, role=Role.SOCIAL_WORKER, is_active="on")

    response = coordinator_client.post(update_url(project), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("projects:project_detail", args=[project.pk])
    project.refresh_from_db()
    assert project.title == "Nowy tytuł"
    assert list(project.editions.values_list("number", "name", "start_date", "end_date")) == [
        (1, "Wiosna", date(2025, 3, 1), date(2025, 6, 30))
    ]
    assert list(project.support_area.values_list("commune", "teryt")) == [("Lubartów", "0608011")]
    assert list(project.indicator_targets.values_list("indicator", "target_value")) == [
        (indicator.pk, 40)
    ]
    assert set(project.memberships.values_list("user", "role")) == {
        (coordinator.pk, Role.COORDINATOR),
        (newcomer.pk, Role.SOCIAL_WORKER),
    }


def test_it_updates_and_deletes_existing_rows(coordinator_client, project, coordinator):
    kept = EditionFactory(project=project, number=1)
    dropped = EditionFactory(project=project, number=2)
    data = project_post_data(project)
    set_row(data, "editions", row_of(data, "editions", kept.pk), name="Jesień")
    set_row(data, "editions", row_of(data, "editions", dropped.pk), DELETE="on")

    response = coordinator_client.post(update_url(project), data)

    assert response.status_code == 302
    assert list(project.editions.values_list("pk", "name")) == [(kept.pk, "Jesień")]


EDITION = {"start_date": "2025-03-01", "end_date": "2025-04-30"}


COMMUNE = {"voivodeship": "lubelskie", "county": "lubartowski", "commune": "Kock"}


BROKEN_ROWS = [
    pytest.param("editions", EDITION | {"number": 2}, id="edition-number-taken"),
    pytest.param(
        "editions",
        EDITION | {"number": 3, "start_date": "2024-12-01"},
        id="edition-outside-project-period",
    ),
    pytest.param(
        "editions",
        EDITION | {"number": 3, "end_date": "2025-02-01"},
        id="edition-ends-before-it-starts",
    ),
    pytest.param("editions", {"number": 3, "start_date": "2025-03-01"}, id="edition-without-end"),
    pytest.param("area", COMMUNE | {"commune": "Lubartów"}, id="commune-twice"),
    pytest.param(
        "area",
        COMMUNE | {"teryt": "12"},
        id="commune-malformed-teryt",
    ),
    pytest.param(
        "area", COMMUNE | {"revitalisation_only": "on"}, id="revitalisation-without-areas"
    ),
    pytest.param("targets", {"target_value": "-1"}, id="negative-target"),
    pytest.param(
        "team", {"role": Role.SOCIAL_WORKER, "is_active": "on"}, id="member-of-another-organisation"
    ),
]


@pytest.mark.parametrize(("prefix", "fields"), BROKEN_ROWS)
def test_it_saves_nothing_when_any_row_is_invalid(
    coordinator_client, project, coordinator, office, outsider, indicator, prefix, fields
):
    EditionFactory(project=project, number=1, name="Pierwsza")
    before = snapshot(project)
    data = project_post_data(project) | {"title": "Nowy tytuł", "goal": "Inny cel"}
    set_row(data, "editions", 0, name="Zmieniona")
    add_row(data, "editions", number=2, start_date="2025-03-01", end_date="2025-04-30")
    add_row(data, "area", voivodeship="lubelskie", county="lubartowski", commune="Lubartów")
    add_row(data, "targets", indicator=indicator.pk, target_value="10")
    add_row(
        data,
        "team",
        user=UserFactory(organisation=office).pk,
        role=Role.SOCIAL_WORKER,
        is_active="on",
    )
    other_indicator = IndicatorDefinition.objects.exclude(pk=indicator.pk).first()
    fields = fields | {
        "targets": {"indicator": other_indicator.pk},
        "team": {"user": outsider.pk},
    }.get(prefix, {})
    add_row(data, prefix, **fields)

    response = coordinator_client.post(update_url(project), data)

    assert response.status_code == 400
    assert response.context["formset_errors"]
    assert snapshot(project) == before


def test_it_lists_a_field_error_of_a_row_at_the_top_of_the_page(
    coordinator_client, project, coordinator
):
    data = project_post_data(project)
    add_row(data, "editions", number=1, start_date="2025-03-01", end_date="2025-02-01")

    choose_language(coordinator_client, "en")
    response = coordinator_client.post(update_url(project), data)

    assert response.status_code == 400
    message = "An edition cannot end before it starts."
    assert any(line.endswith(message) for line in response.context["formset_errors"])
    assert escape(message) in response.content.decode()


def test_it_rolls_back_everything_when_saving_a_part_fails(
    coordinator_client, project, coordinator, indicator
):
    before = snapshot(project)
    data = project_post_data(project) | {"title": "Nowy tytuł"}
    add_row(data, "editions", number=1, start_date="2025-03-01", end_date="2025-04-30")
    add_row(data, "targets", indicator=indicator.pk, target_value="10")
    failure = mock.patch.object(TeamFormSet, "save", side_effect=IntegrityError("simulated"))

    with failure, pytest.raises(IntegrityError):
        coordinator_client.post(update_url(project), data)

    assert snapshot(project) == before


# --- The team keeps a coordinator -----------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [{"is_active": None}, {"role": Role.SOCIAL_WORKER}, {"DELETE": "on"}],
    ids=["deactivated", "demoted", "deleted"],
)
def test_it_keeps_an_active_coordinator_on_the_team(
    coordinator_client, project, coordinator, social_worker, change
):
    before = snapshot(project)
    data = project_post_data(project)
    set_row(data, "team", row_of(data, "team", coordinator.memberships.get().pk), **change)

    response = coordinator_client.post(update_url(project), data)

    assert response.status_code == 400
    message = "The team must keep at least one active project coordinator."
    assert in_language("pl", message) in response.content.decode()
    assert snapshot(project) == before


def test_it_lets_the_coordinator_hand_over_to_another(
    coordinator_client, project, coordinator, office
):
    successor = UserFactory(organisation=office)
    data = project_post_data(project)
    set_row(data, "team", row_of(data, "team", coordinator.memberships.get().pk), is_active=None)
    add_row(data, "team", user=successor.pk, role=Role.COORDINATOR, is_active="on")

    response = coordinator_client.post(update_url(project), data)

    assert response.status_code == 302
    assert list(project.memberships.active().values_list("user", flat=True)) == [successor.pk]


# --- Queries do not grow with rows ----------------------------------------------------------


LIST_QUERY_BOUND = 10


# One query of the bounds below is the user's groups: whether they head an organisation
# (the director sees the projects it leads or partners in).
DETAIL_QUERY_BOUND = 16


EDIT_QUERY_BOUND = 26


@pytest.mark.parametrize("count", [2, 10])
def test_it_lists_projects_in_a_bounded_number_of_queries(
    client, coordinator, office, django_assert_max_num_queries, count
):
    for _number in range(count):
        other = ProjectFactory(lead_beneficiary=office)
        MembershipFactory(project=other, user=coordinator, role=Role.COORDINATOR)
        EditionFactory.create_batch(3, project=other)
    client.force_login(coordinator)

    with django_assert_max_num_queries(LIST_QUERY_BOUND):
        response = client.get(reverse("projects:project_list"))

    assert response.status_code == 200
    assert len(response.context["projects"]) == count + 1


@pytest.mark.parametrize("count", [2, 10])
def test_it_shows_a_project_in_a_bounded_number_of_queries(
    client, project, coordinator, office, django_assert_max_num_queries, count
):
    indicators = IndicatorDefinition.objects.all()[:count]
    for number in range(1, count + 1):
        EditionFactory(project=project, number=number)
        MembershipFactory(project=project, user=UserFactory(organisation=OrganisationFactory()))
        IndicatorTargetFactory(project=project, indicator=indicators[number - 1])
        SupportAreaCommune.objects.create(
            project=project,
            voivodeship="lubelskie",
            county="lubartowski",
            commune=f"Gmina {number}",
        )
        project.partners.add(OrganisationFactory())
    client.force_login(coordinator)

    with django_assert_max_num_queries(DETAIL_QUERY_BOUND):
        response = client.get(reverse("projects:project_detail", args=[project.pk]))

    assert response.status_code == 200
    assert len(response.context["editions"]) == count


@pytest.mark.parametrize("count", [2, pytest.param(10)])
def test_it_shows_the_edit_page_in_a_bounded_number_of_queries(
    client, project, coordinator, office, django_assert_max_num_queries, count
):
    indicators = IndicatorDefinition.objects.all()[:count]
    for number in range(1, count + 1):
        EditionFactory(project=project, number=number)
        MembershipFactory(project=project, user=UserFactory(organisation=office))
        IndicatorTargetFactory(project=project, indicator=indicators[number - 1])
    client.force_login(coordinator)

    with django_assert_max_num_queries(EDIT_QUERY_BOUND):
        response = client.get(update_url(project))

    assert response.status_code == 200


# --- History --------------------------------------------------------------------------------


def test_it_records_who_edited_the_project(coordinator_client, project, coordinator):
    before = project.history.count()
    data = project_post_data(project) | {"title": "Tytuł po zmianie"}
    add_row(data, "editions", number=1, start_date="2025-03-01", end_date="2025-04-30")

    response = coordinator_client.post(update_url(project), data)

    assert response.status_code == 302
    assert project.history.count() > before
    latest = project.history.latest()
    assert (latest.title, latest.history_user) == ("Tytuł po zmianie", coordinator)
    edition = project.editions.get()
    assert edition.history.get().history_user == coordinator


def test_it_records_who_created_the_project(coordinator_client, coordinator, office):
    coordinator_client.post(reverse("projects:project_create"), create_data(office))

    project = Project.objects.get(short_name="AKT-2025")
    assert project.history.get().history_type == "+"
    assert project.history.get().history_user == coordinator
    assert project.memberships.get().history.get().history_user == coordinator
