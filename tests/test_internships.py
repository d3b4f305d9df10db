"""Internships: the 3–6 month rule and the other rules (a host employer with a NIP, the project's
period, participants only), closing with an outcome, and one internship at a time."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from employment.models import Internship, InternshipOutcome
from employment.services import (
    internship_close,
    internship_create,
    internship_month_record,
    internship_update,
)
from participants.models import ParticipationStatus
from projects.models import OrganisationKind

from . import fixtures_employment
from .factories import (
    EmployerFactory,
    OrganisationFactory,
    ParticipationFactory,
    SupportFormFactory,
)
from .fixtures_employment import _form_dates, errors_of
from .helpers.employment import internship_data, make_internship

# The shared fixtures, bound here so that pytest finds them in this module.
employer = fixtures_employment.employer
internship = fixtures_employment.internship
sw_client = fixtures_employment.sw_client


# --- The 3–6 month rule and the other rules of an internship ---------------------------------


@pytest.mark.parametrize(
    ("start", "end", "accepted"),
    [
        (date(2025, 3, 1), date(2025, 5, 31), True),  # exactly three months
        (date(2025, 3, 1), date(2025, 5, 30), False),  # one day short of three
        (date(2025, 3, 1), date(2025, 8, 31), True),  # exactly six months
        (date(2025, 3, 1), date(2025, 9, 1), False),  # one day over six
        (date(2025, 1, 31), date(2025, 4, 30), True),  # from the end of a month
        (date(2025, 11, 15), date(2026, 2, 14), True),  # across the new year
    ],
)
def test_an_internship_lasts_from_three_to_six_months(
    participation, employer, social_worker, start, end, accepted
):
    data = internship_data(employer, start_date=start, end_date=end)
    if accepted:
        internship = internship_create(participation=participation, by=social_worker, **data)
        assert internship.pk
        return
    with pytest.raises(ValidationError) as excinfo:
        internship_create(participation=participation, by=social_worker, **data)
    assert errors_of(excinfo)["end_date"] == [_("An internship lasts from 3 to 6 months.")]
    assert not Internship.objects.exists()


def test_it_refuses_an_internship_ending_before_it_starts(participation, employer, social_worker):
    data = internship_data(employer, start_date=date(2025, 5, 1), end_date=date(2025, 3, 1))

    with pytest.raises(ValidationError) as excinfo:
        internship_create(participation=participation, by=social_worker, **data)

    assert errors_of(excinfo)["end_date"] == [_("An internship cannot end before it starts.")]


def test_it_refuses_a_host_employer_without_a_nip(participation, office, social_worker):
    no_nip = OrganisationFactory(kind=OrganisationKind.EMPLOYER, nip="", recorded_by=office)

    with pytest.raises(ValidationError) as excinfo:
        make_internship(participation, no_nip, social_worker)

    assert errors_of(excinfo)["employer"] == [
        _("Enter the host employer's NIP in its record first.")
    ]
    assert not Internship.objects.exists()


def test_it_refuses_an_internship_outside_the_project_period(
    participation, employer, social_worker
):
    project = participation.project  # 01.01.2025 – 31.12.2026

    with pytest.raises(ValidationError) as excinfo:
        make_internship(
            participation, employer, social_worker,
            start_date=date(2026, 11, 1), end_date=date(2027, 1, 31),
        )

    assert errors_of(excinfo)["start_date"] == [project.period_error()]


@pytest.mark.parametrize(
    "status", [ParticipationStatus.CANDIDATE, ParticipationStatus.REJECTED,
               ParticipationStatus.RESERVE]
)
def test_it_refuses_an_internship_for_someone_not_taking_part(
    project, employer, social_worker, status
):
    candidate = ParticipationFactory(project=project, status=status)

    with pytest.raises(ValidationError) as excinfo:
        make_internship(candidate, employer, social_worker)

    assert excinfo.value.messages == [
        _("%(name)s is not a participant of the project (status: %(status)s).")
        % {"name": candidate.person, "status": candidate.status_label}
    ]


def test_it_refuses_a_support_form_of_another_project(
    participation, employer, social_worker, other_project
):
    theirs = SupportFormFactory(project=other_project)

    with pytest.raises(ValidationError) as excinfo:
        make_internship(participation, employer, social_worker, support_form=theirs)

    assert errors_of(excinfo)["support_form"] == [_("The support form belongs to another project.")]


def test_the_history_records_who_created_and_changed_an_internship(
    internship, social_worker, coordinator
):
    internship_update(
        internship=internship, by=coordinator, expected_version=internship.version,
        position="Magazynier-sprzedawca",
    )

    entries = list(internship.history.order_by("history_date"))
    assert [(e.history_type, e.history_user) for e in entries] == [
        ("+", social_worker), ("~", coordinator)
    ]
    assert entries[-1].position == "Magazynier-sprzedawca"


def test_it_refuses_new_dates_that_leave_recorded_months_outside(internship, social_worker):
    internship_update(
        internship=internship, by=social_worker, expected_version=internship.version,
        end_date=date(2025, 8, 31),
    )
    internship_month_record(
        internship=internship, month=date(2025, 8, 1), days_planned=20, days_present=19,
        by=social_worker,
    )

    with pytest.raises(ValidationError) as excinfo:
        internship_update(
            internship=internship, by=social_worker, expected_version=internship.version,
            end_date=date(2025, 5, 31),
        )

    assert "08.2025" in errors_of(excinfo)["end_date"][0]
    internship.refresh_from_db()
    assert internship.end_date == date(2025, 8, 31)


def test_it_refuses_an_unknown_field(internship, social_worker):
    with pytest.raises(TypeError):
        internship_update(
            internship=internship, by=social_worker, expected_version=internship.version,
            outcome="hired",
        )


def test_the_database_refuses_an_internship_ending_before_it_starts(internship):
    with pytest.raises(IntegrityError), transaction.atomic():
        Internship.objects.filter(pk=internship.pk).update(end_date=date(2025, 2, 1))


# --- Closing --------------------------------------------------------------------------------


def test_closing_records_the_outcome_and_then_the_internship_no_longer_changes(
    internship, social_worker
):
    internship_close(
        internship=internship, outcome=InternshipOutcome.HIRED,
        outcome_notes="Umowa o pracę od 01.06.2025.", by=social_worker,
        expected_version=internship.version,
    )

    internship.refresh_from_db()
    assert internship.outcome == InternshipOutcome.HIRED
    assert internship.history.first().history_user == social_worker
    with pytest.raises(ValidationError):
        internship_update(
            internship=internship, by=social_worker, expected_version=internship.version,
            position="Inne",
        )
    with pytest.raises(ValidationError):
        internship_close(internship=internship, outcome="completed", outcome_notes="",
                         by=social_worker, expected_version=internship.version)


def test_closing_needs_a_final_outcome(internship, social_worker):
    with pytest.raises(ValidationError) as excinfo:
        internship_close(internship=internship, outcome=InternshipOutcome.IN_PROGRESS,
                         outcome_notes="", by=social_worker,
                         expected_version=internship.version)

    assert errors_of(excinfo)["outcome"] == [_("Choose how the internship ended.")]


def test_an_interrupted_internship_needs_the_reason(internship, social_worker):
    with pytest.raises(ValidationError) as excinfo:
        internship_close(internship=internship, outcome=InternshipOutcome.INTERRUPTED,
                         outcome_notes="  ", by=social_worker,
                         expected_version=internship.version)

    assert errors_of(excinfo)["outcome_notes"] == [_("Say why the internship was interrupted.")]
    internship.refresh_from_db()
    assert internship.outcome == InternshipOutcome.IN_PROGRESS


# --- One internship at a time ---------------------------------------------------------------


def _overlap_message(internship) -> str:
    return _(
        "This person already has an internship in that period: %(employer)s, "
        "%(start)s – %(end)s. Internships of one person cannot overlap."
    ) % {"employer": internship.employer, "start": "01.03.2025", "end": "31.05.2025"}


def test_an_internship_may_start_the_day_after_the_previous_one_ends(
    internship, employer, social_worker, office
):
    second = make_internship(
        internship.participation, EmployerFactory(recorded_by=office), social_worker,
        start_date=date(2025, 6, 1), end_date=date(2025, 8, 31),
    )

    assert second.pk and Internship.objects.count() == 2


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2025, 5, 31), date(2025, 8, 31)),  # starts on the other's last day
        (date(2025, 1, 2), date(2025, 4, 1)),  # ends inside the other
        (date(2025, 3, 15), date(2025, 6, 30)),
    ],
)
def test_it_refuses_overlapping_internships_of_one_person(
    internship, social_worker, office, start, end
):
    with pytest.raises(ValidationError) as excinfo:
        make_internship(internship.participation, EmployerFactory(recorded_by=office),
                        social_worker, start_date=start, end_date=end)

    assert excinfo.value.messages == [_overlap_message(internship)]
    assert Internship.objects.count() == 1


def test_another_persons_internship_may_overlap(internship, project, social_worker, employer):
    someone_else = ParticipationFactory(project=project, social_worker=social_worker)

    make_internship(someone_else, employer, social_worker)

    assert Internship.objects.count() == 2


def test_an_edit_cannot_move_an_internship_onto_another(internship, social_worker, office):
    later = make_internship(
        internship.participation, EmployerFactory(recorded_by=office), social_worker,
        start_date=date(2025, 6, 1), end_date=date(2025, 8, 31),
    )

    with pytest.raises(ValidationError) as excinfo:
        internship_update(internship=later, by=social_worker, expected_version=later.version,
                          start_date=date(2025, 5, 1))

    assert excinfo.value.messages == [_overlap_message(internship)]
    later.refresh_from_db()
    assert later.start_date == date(2025, 6, 1)


def test_an_interrupted_internship_does_not_block_a_new_one(internship, social_worker, office):
    internship_close(internship=internship, outcome=InternshipOutcome.INTERRUPTED,
                     outcome_notes="Choroba.", by=social_worker,
                     expected_version=internship.version)

    make_internship(internship.participation, EmployerFactory(recorded_by=office),
                    social_worker, start_date=date(2025, 4, 1), end_date=date(2025, 6, 30))

    assert Internship.objects.count() == 2


def test_the_form_names_the_overlapping_internship(sw_client, internship, office):
    other = EmployerFactory(recorded_by=office)
    url = reverse("employment:internship_create", args=[internship.participation_id])

    response = sw_client.post(url, _form_dates(employer=other.pk, start_date="01.05.2025",
                                               end_date="31.07.2025"))

    assert response.status_code == 400
    assert escape(_overlap_message(internship)) in response.content.decode()
    assert Internship.objects.count() == 1
