"""Projects and organisations: what the coordinator's pages do with what they are sent."""

from datetime import date
from unittest import mock

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from accounts.roles import Role
from projects.forms import (
    OrganisationForm,
    TeamFormSet,
)
from projects.models import (
    Edition,
    FundingProgramme,
    IndicatorDefinition,
    Membership,
    Organisation,
    Project,
    SupportAreaCommune,
)

from .factories import (
    EditionFactory,
    IndicatorTargetFactory,
    MembershipFactory,
    OrganisationFactory,
    ProjectFactory,
    UserFactory,
)
from .helpers.forms import add_row, project_post_data

VALID_NIP = "5261040828"
VALID_REGON = "123456785"


# --- POST data as the browser sends it ------------------------------------------------------


def set_row(data: dict, prefix: str, index: int, **fields) -> None:
    """Change a row; None removes the field, as an unticked checkbox is not sent."""
    for name, value in fields.items():
        key = f"{prefix}-{index}-{name}"
        if value is None:
            data.pop(key, None)
        else:
            data[key] = str(value)


def row_of(data: dict, prefix: str, pk: int) -> int:
    """The index of the row that edits the object with this id."""
    return next(
        int(key.split("-")[1])
        for key, value in data.items()
        if key.startswith(f"{prefix}-") and key.endswith("-id") and value == str(pk)
    )


def snapshot(project) -> dict:
    """Everything the edit page can change, as stored."""
    return {
        "project": Project.objects.filter(pk=project.pk).values().get(),
        "partners": list(project.partners.values_list("pk", flat=True)),
        "editions": list(Edition.objects.filter(project=project).values()),
        "area": list(SupportAreaCommune.objects.filter(project=project).values()),
        "targets": list(project.indicator_targets.values()),
        "team": list(Membership.objects.filter(project=project).values()),
        "history": project.history.count(),
    }


def in_language(language: str, message: str) -> str:
    """A message of the application as the page shows it in that language."""
    with translation.override(language):
        return escape(translation.gettext(message))


def choose_language(client, language: str) -> None:
    """As the language switch does: a cookie (the browser's Accept-Language is not followed)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language


def period_message(project, language: str) -> str:
    with translation.override(language):
        return escape(project.period_error())


@pytest.fixture
def indicator(db):
    return IndicatorDefinition.objects.get(code="participants-women")


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def update_url(project) -> str:
    return reverse("projects:project_update", args=[project.pk])


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


# --- NIP and REGON --------------------------------------------------------------------------


def organisation_form(**fields) -> OrganisationForm:
    return OrganisationForm(data={"name": "Fundacja Razem", "kind": "ngo"} | fields)


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("nip", "5261040827", "invalid_checksum"),
        ("nip", "526104082", "invalid_length"),
        ("nip", "٥٢٦١٠٤٠٨٢٨", "invalid_format"),
        ("nip", "526104082٨", "invalid_format"),
        ("nip", "52610408a8", "invalid_format"),
        ("regon", "123456784", "invalid_checksum"),
        ("regon", "1234567", "invalid_length"),
        ("regon", "١٢٣٤٥٦٧٨٥", "invalid_format"),
    ],
    ids=[
        "nip-checksum",
        "nip-length",
        "nip-arabic-indic",
        "nip-one-arabic-indic-digit",
        "nip-letter",
        "regon-checksum",
        "regon-length",
        "regon-arabic-indic",
    ],
)
def test_it_rejects_invalid_organisation_numbers(db, field, value, code):
    form = organisation_form(**{field: value})

    assert not form.is_valid()
    assert [error.code for error in form.errors.as_data()[field]] == [code]


@pytest.mark.parametrize("language", ["pl", "en"])
def test_it_explains_a_wrong_check_digit(coordinator_client, language):
    data = {"name": "Fundacja Razem", "kind": "ngo", "nip": "5261040827"}

    choose_language(coordinator_client, language)
    response = coordinator_client.post(reverse("projects:organisation_create"), data)

    message = "%(name)s has a wrong check digit: check it against the document."
    with translation.override(language):
        expected = escape(translation.gettext(message) % {"name": "NIP"})
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert not Organisation.objects.filter(name="Fundacja Razem").exists()


@pytest.mark.parametrize(
    ("field", "value", "stored"),
    [
        pytest.param("nip", VALID_NIP, VALID_NIP, id="nip-plain"),
        pytest.param("nip", "526-104-08-28", VALID_NIP, id="nip-dashes-3-3-2-2"),
        pytest.param("nip", "526-10-40-828", VALID_NIP, id="nip-dashes-3-2-2-3"),
        pytest.param("nip", f" {VALID_NIP} ", VALID_NIP, id="nip-spaces-around"),
        pytest.param("regon", "123-456-785", VALID_REGON, id="regon-dashes"),
        pytest.param("regon", "12345678512347", "12345678512347", id="regon-14"),
    ],
)
def test_it_stores_organisation_numbers_as_ascii_digits_only(db, field, value, stored):
    form = organisation_form(**{field: value})

    assert form.is_valid(), form.errors
    assert getattr(form.save(), field) == stored


def test_it_rejects_a_nip_in_full_width_digits(db):
    form = organisation_form(nip="５２６１０４０８２８")

    assert not form.is_valid()
    assert form.errors.as_data()["nip"][0].code == "invalid_format"


def test_it_normalises_numbers_posted_to_the_organisation_page(coordinator_client, office):
    data = {"name": "Fundacja Razem", "kind": "ngo", "nip": "526-104-08-28", "regon": "123-456-785"}

    response = coordinator_client.post(reverse("projects:organisation_create"), data)

    assert response.status_code == 302
    assert Organisation.objects.filter(nip=VALID_NIP, regon=VALID_REGON).count() == 1


def test_it_rejects_a_nip_that_is_already_recorded(db):
    OrganisationFactory(nip=VALID_NIP)

    form = organisation_form(nip="5261040828")

    assert not form.is_valid()
    assert Organisation.objects.filter(nip=VALID_NIP).count() == 1


def test_it_allows_many_organisations_without_a_nip(db):
    OrganisationFactory(nip="")

    form = organisation_form(nip="")

    assert form.is_valid(), form.errors


def test_it_keeps_nip_unique_in_the_database(db):
    OrganisationFactory(nip=VALID_NIP)

    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(nip=VALID_NIP)


# --- Queries do not grow with rows ----------------------------------------------------------

LIST_QUERY_BOUND = 10
DETAIL_QUERY_BOUND = 15
EDIT_QUERY_BOUND = 25


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
