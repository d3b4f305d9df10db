"""Registering a participant: the person and the PESEL, people already on record, double
submits, who may be the social worker, and the rules of the data at entry."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from demo.people import make_pesel
from participants.codelists import Answer, DisabilityDegree, LabourMarketStatus
from participants.models import Participation, ParticipationStatus, Person, StatusChange

from . import fixtures_participants
from .factories import (
    EditionFactory,
    MembershipFactory,
    ParticipationFactory,
    PersonFactory,
    ProjectFactory,
    UserFactory,
)
from .helpers.participants import LUCJA_BIRTH, LUCJA_PESEL, candidate, errors, register

# The shared fixtures, bound here so that pytest finds them in this module.
sw_client = fixtures_participants.sw_client


Status = ParticipationStatus


@pytest.fixture
def our_other_project(project):
    """Another project of the same centre: its people are ours to find."""
    return ProjectFactory(lead_beneficiary=project.lead_beneficiary, short_name="NASZ-2")


def detail_url(participation) -> str:
    return reverse("card:participation_detail", args=[participation.pk])


# --- Registration ---------------------------------------------------------------------------


def test_it_registers_a_candidate_with_a_person_and_the_first_status(
    sw_client, project, social_worker
):
    response = register(sw_client, project, recruitment_source="plakat w ośrodku")

    participation = Participation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(participation)
    assert (participation.project, participation.status) == (project, Status.CANDIDATE)
    assert participation.recruitment_source == "plakat w ośrodku"
    person = Person.objects.get()
    assert participation.person == person
    assert (person.first_name, person.last_name, person.sex, person.birth_date) == (
        "Łucja",
        "Żółkiewska",
        "K",
        LUCJA_BIRTH,
    )
    change = StatusChange.objects.get()
    assert (change.participation, change.from_status, change.to_status) == (
        participation,
        "",
        Status.CANDIDATE,
    )
    assert change.changed_by == social_worker


@pytest.mark.parametrize("typed", [f" {LUCJA_PESEL} ", f"\t{LUCJA_PESEL}\n", LUCJA_PESEL])
def test_it_stores_the_pesel_normalised(sw_client, project, typed):
    register(sw_client, project, pesel=typed)

    assert Person.objects.get().pesel == LUCJA_PESEL


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("birth_date", {"birth_date": "1985-03-16"}),
        ("sex", {"sex": "M"}),
    ],
)
def test_it_rejects_a_pesel_that_disagrees_with_the_birth_date_or_sex(
    sw_client, project, field, changes
):
    response = register(sw_client, project, **changes)

    assert response.status_code == 400
    assert field in errors(response)
    assert "pesel" not in errors(response)
    assert not Person.objects.exists()
    assert not Participation.objects.exists()


def test_it_asks_before_adding_a_person_already_on_record(sw_client, project, our_other_project):
    known = PersonFactory(
        first_name="Łucja", last_name="Żółkiewska", birth_date=LUCJA_BIRTH, pesel=LUCJA_PESEL,
        organisation=project.lead_beneficiary,
    )
    ParticipationFactory(person=known, project=our_other_project)

    response = register(sw_client, project)

    assert response.status_code == 400
    assert "use_existing" in errors(response)
    assert not Participation.objects.filter(project=project).exists()


def test_it_adds_the_person_on_record_when_asked_to(sw_client, project, our_other_project):
    known = PersonFactory(
        first_name="Łucja", last_name="Żółkiewska", birth_date=LUCJA_BIRTH, pesel=LUCJA_PESEL,
        organisation=project.lead_beneficiary,
    )
    ParticipationFactory(person=known, project=our_other_project)

    # The name typed in other letter case is the same person.
    response = register(sw_client, project, use_existing="on", first_name="ŁUCJA")

    assert response.status_code == 302
    assert Person.objects.count() == 1
    assert Participation.objects.get(project=project).person == known


def test_it_rejects_a_pesel_on_record_under_another_name_without_revealing_it(
    sw_client, project, our_other_project
):
    known = PersonFactory(
        first_name="Genowefa", last_name="Pigwa", birth_date=LUCJA_BIRTH, pesel=LUCJA_PESEL,
        organisation=project.lead_beneficiary,
    )
    ParticipationFactory(person=known, project=our_other_project)

    response = register(sw_client, project, use_existing="on")

    html = response.content.decode()
    assert response.status_code == 400
    assert "pesel" in errors(response)
    assert "Genowefa" not in html
    assert "Pigwa" not in html
    assert Person.objects.count() == 1
    assert not Participation.objects.filter(project=project).exists()


def test_it_rejects_the_same_person_twice_in_one_project(sw_client, project):
    known = PersonFactory(
        first_name="Łucja", last_name="Żółkiewska", birth_date=LUCJA_BIRTH, pesel=LUCJA_PESEL
    )
    ParticipationFactory(person=known, project=project)

    response = register(sw_client, project, use_existing="on")

    assert response.status_code == 400
    assert "pesel" in errors(response)
    assert Participation.objects.count() == 1


def test_it_creates_one_participation_from_a_double_submit(sw_client, project, social_worker):
    data = candidate(social_worker=social_worker.pk)
    url = reverse("participants:participant_create", args=[project.pk])

    first = sw_client.post(url, data)
    second = sw_client.post(url, data)

    participation = Participation.objects.get()
    assert (first.status_code, second.status_code) == (302, 302)
    assert first["Location"] == second["Location"] == detail_url(participation)
    assert Person.objects.count() == 1
    assert StatusChange.objects.count() == 1


def test_it_creates_one_participation_from_a_double_submit_without_pesel(
    sw_client, project, social_worker
):
    data = candidate(pesel="", other_identifier="AB1234567", social_worker=social_worker.pk)
    url = reverse("participants:participant_create", args=[project.pk])

    first = sw_client.post(url, data)
    second = sw_client.post(url, data)

    participation = Participation.objects.get()
    assert first["Location"] == second["Location"] == detail_url(participation)
    assert Person.objects.count() == 1


def test_it_reports_an_invalid_pesel_only_on_the_pesel(sw_client, project):
    wrong_check_digit = LUCJA_PESEL[:-1] + str((int(LUCJA_PESEL[-1]) + 1) % 10)

    response = register(sw_client, project, pesel=wrong_check_digit)

    assert response.status_code == 400
    assert set(errors(response)) == {"pesel"}


def test_it_requires_another_identifier_for_a_person_without_pesel(sw_client, project):
    response = register(sw_client, project, pesel="")

    assert response.status_code == 400
    assert "other_identifier" in errors(response)
    assert not Person.objects.exists()


def test_it_registers_a_person_without_pesel_by_another_identifier(sw_client, project):
    response = register(sw_client, project, pesel="", other_identifier="AB1234567")

    person = Person.objects.get()
    assert response.status_code == 302
    assert (person.pesel, person.other_identifier) == ("", "AB1234567")


@pytest.mark.parametrize("name", ["participant_create", "person_update"])
def test_it_keeps_the_pesel_out_of_error_reports(sw_client, participation, name):
    target = participation.project if name == "participant_create" else participation
    url = reverse(f"participants:{name}", args=[target.pk])

    response = sw_client.post(url, {"pesel": LUCJA_PESEL})

    assert list(response.wsgi_request.sensitive_post_parameters) == ["pesel"]


# --- Rules of the data at entry -------------------------------------------------------------


def rule_errors(participation) -> dict:
    with pytest.raises(ValidationError) as refused:
        participation.clean()
    return refused.value.message_dict


def test_it_gives_a_degree_of_disability_only_with_a_disability(participation):
    participation.disability_degree = DisabilityDegree.MODERATE

    for answer in ["", Answer.NO, Answer.REFUSED]:
        participation.disability = answer
        assert "disability_degree" in rule_errors(participation)
    participation.disability = Answer.YES
    participation.clean()


@pytest.mark.parametrize("status", [LabourMarketStatus.INACTIVE, LabourMarketStatus.EMPLOYED, ""])
def test_it_counts_months_out_of_work_only_for_the_unemployed(participation, status):
    participation.labour_market_status = status
    participation.unemployment_months = 4

    assert "unemployment_months" in rule_errors(participation)


def test_it_accepts_months_out_of_work_of_an_unemployed_person(participation):
    participation.labour_market_status = LabourMarketStatus.UNEMPLOYED_UNREGISTERED
    participation.unemployment_months = 4

    participation.clean()


def test_it_rejects_an_end_before_the_start(participation):
    participation.start_date = date(2025, 6, 1)
    participation.end_date = date(2025, 5, 31)

    assert "end_date" in rule_errors(participation)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2024, 12, 31), None),
        (date(2025, 6, 1), date(2027, 1, 1)),
        (None, date(2027, 1, 1)),
    ],
)
def test_it_rejects_dates_outside_the_project_period(participation, start, end):
    participation.start_date, participation.end_date = start, end

    assert "start_date" in rule_errors(participation)


def test_it_rejects_an_edition_of_another_project(participation, other_project):
    participation.edition = EditionFactory(project=other_project)

    assert "edition" in rule_errors(participation)


@pytest.mark.parametrize(
    ("birth", "months", "expected"),
    [
        (date(2000, 6, 1), 7, True),  # 24 at entry: over 6 months
        (date(2000, 6, 1), 6, False),
        (date(2000, 3, 1), 7, False),  # 25 at entry: over 12 months needed
        (date(1995, 1, 1), 7, False),  # 30 at entry
        (date(1995, 1, 1), 12, False),
        (date(1995, 1, 1), 13, True),
    ],
)
def test_it_tells_long_term_unemployment_by_age_at_entry(project, birth, months, expected):
    person = PersonFactory(birth_date=birth, pesel=make_pesel(birth, 1, "K"))
    participation = Participation(
        person=person,
        project=project,
        start_date=date(2025, 3, 1),
        labour_market_status=LabourMarketStatus.UNEMPLOYED_REGISTERED,
        unemployment_months=months,
    )
    participation.refresh_age_at_entry()

    assert participation.long_term_unemployed is expected


def test_it_does_not_judge_long_term_unemployment_of_someone_in_work(participation):
    participation.refresh_age_at_entry()
    participation.labour_market_status = LabourMarketStatus.EMPLOYED

    assert participation.long_term_unemployed is None


# --- Who sees whom --------------------------------------------------------------------------


def test_it_hides_a_participant_from_a_social_worker_who_left_the_team(
    sw_client, participation, social_worker
):
    social_worker.memberships.update(is_active=False)

    response = sw_client.get(detail_url(participation))

    assert response.status_code == 404


def test_it_offers_only_team_members_as_social_workers(sw_client, project, outsider):
    colleague = UserFactory()
    MembershipFactory(project=project, user=colleague, is_active=False)

    response = register(sw_client, project, social_worker=str(outsider.pk))

    assert "social_worker" in errors(response)
    choices = response.context["form"].fields["social_worker"].queryset
    assert outsider not in choices
    assert colleague not in choices
