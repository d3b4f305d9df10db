"""Hours of support computed from sessions and attendance (instruments/hours.py)."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from instruments.hours import (
    hours_by_month,
    hours_by_participation,
    instrument_hours,
    refresh_hours,
    support_form_hours,
)
from instruments.models import Attendance

from .factories import ParticipationFactory, ReferralFactory, SessionFactory, SupportFormFactory

TODAY = date(2025, 12, 31)


def attend(session, participation, present=True):
    """A mark written directly, with the sums the services would refresh."""
    mark = Attendance.objects.create(session=session, participation=participation,
                                     present=present)
    refresh_hours(marks=[(participation, session)])
    return mark


def referred(support_form, participation=None):
    if participation is None:
        return ReferralFactory(
            support_form=support_form, participation__project=support_form.project
        ).participation
    ReferralFactory(support_form=support_form, participation=participation)
    return participation


@pytest.fixture
def training(project):
    return SupportFormFactory(
        project=project, name="Trening kompetencji", instrument="social",
        planned_group_hours=Decimal(15), planned_individual_hours=Decimal(2),
    )


@pytest.fixture
def counselling(project):
    return SupportFormFactory(
        project=project, name="Doradztwo zawodowe", instrument="vocational",
        planned_group_hours=Decimal(10), planned_individual_hours=Decimal(3),
    )


def test_it_counts_90_teaching_minutes_as_one_and_a_half_clock_hours(training):
    person = referred(training)
    session = SessionFactory(support_form=training, start_time=time(10), end_time=time(11, 30),
                             hours_unit="teaching")
    attend(session, person)

    assert session.teaching_hours == Decimal("2.00")
    assert hours_by_participation([person]) == {person.pk: {training.pk: Decimal("1.50")}}


def test_it_sums_hours_per_support_form_and_leaves_out_absence(training, counselling):
    person = referred(training)
    referred(counselling, person)
    for day, present in [(3, True), (4, True), (5, False)]:
        attend(SessionFactory(support_form=training, date=date(2025, 3, day)), person, present)
    attend(SessionFactory(support_form=counselling, start_time=time(12), end_time=time(12, 45)),
           person)
    nobody = ParticipationFactory(project=training.project)

    hours = hours_by_participation(
        type(person).objects.filter(pk__in=[person.pk, nobody.pk])
    )

    assert hours == {
        person.pk: {training.pk: Decimal("3.00"), counselling.pk: Decimal("0.75")},
        nobody.pk: {},
    }


def test_it_counts_a_consultation_for_its_own_participant_only(training):
    person, other = referred(training), referred(training)
    consultation = SessionFactory(support_form=training, kind="individual", participation=person,
                                  start_time=time(9), end_time=time(10))
    attend(consultation, person)
    attend(consultation, other)  # not possible through the services; must not count

    assert hours_by_participation([person.pk, other.pk]) == {
        person.pk: {training.pk: Decimal("1.00")},
        other.pk: {},
    }


def test_support_form_hours_plans_and_delivers(training, counselling):
    ania, basia, celina = referred(training), referred(training), referred(training)
    group = [
        SessionFactory(support_form=training, date=date(2025, 3, day), hours_unit="teaching",
                       start_time=time(10), end_time=time(11, 30))
        for day in (3, 4)
    ]
    SessionFactory(support_form=training, date=date(2026, 3, 3))  # not held yet
    for person, hours in [(ania, (9, 10)), (ania, (10, 11)), (basia, (9, 11))]:
        consultation = SessionFactory(support_form=training, kind="individual",
                                      participation=person, date=date(2025, 3, 5),
                                      start_time=time(hours[0]), end_time=time(hours[1]))
        attend(consultation, person)
    attend(group[0], ania)
    attend(group[1], ania, present=False)
    attend(group[0], celina, present=False)

    rows = support_form_hours(training.project, as_of=TODAY)

    assert [row.support_form for row in rows] == [counselling, training]  # social after vocational
    row = rows[1]
    assert (row.planned_group_hours, row.planned_individual_hours) == (15, 2)
    assert row.planned_total_hours == Decimal(15 + 2 * 3)
    # 90 minutes: the second group session had nobody marked present, so it delivered nothing
    assert row.delivered_group_hours == Decimal("1.50")
    assert row.delivered_individual_hours == Decimal("4.00")
    assert row.individual_hours_per_participant == Decimal("2.00")
    assert row.delivered_total_hours == Decimal("5.50")
    assert (row.participants, row.referred, row.sessions) == (2, 3, 4)
    empty = rows[0]
    assert (empty.delivered_total_hours, empty.participants, empty.sessions) == (0, 0, 0)
    assert empty.individual_hours_per_participant == Decimal("0.00")


def test_it_counts_nothing_of_another_project(training, other_project):
    theirs = SupportFormFactory(project=other_project, instrument="social")
    their_person = referred(theirs)
    attend(SessionFactory(support_form=theirs), their_person)

    assert [row.support_form for row in support_form_hours(training.project)] == [training]
    assert support_form_hours(training.project)[0].delivered_total_hours == 0
    assert instrument_hours(training.project)[0].participants == 0
    assert hours_by_month(training.project) == []


def test_instrument_hours_sum_per_kind_in_the_order_of_the_kinds(project, training, counselling):
    psychology = SupportFormFactory(project=project, name="Terapia", instrument="social",
                                    planned_group_hours=Decimal(5), planned_individual_hours=1)
    person = referred(training)
    referred(psychology, person)
    referred(counselling, person)
    attend(SessionFactory(support_form=training), person)
    attend(SessionFactory(support_form=psychology, date=date(2025, 3, 4)), person)

    rows = instrument_hours(project, as_of=TODAY)

    assert [row.instrument for row in rows] == ["vocational", "social"]
    social = rows[1]
    assert (social.support_forms, social.referred, social.sessions) == (2, 2, 2)
    assert social.participants == 1  # the same person in both forms
    assert social.planned_group_hours == Decimal(20)
    assert social.planned_individual_hours == Decimal(3)  # 2 h × 1 + 1 h × 1
    assert social.planned_total_hours == Decimal(23)
    assert social.delivered_group_hours == Decimal("3.00")
    assert rows[0].delivered_total_hours == 0


def test_hours_by_month_counts_participant_hours_and_fills_gaps(training):
    ania, basia = referred(training), referred(training)
    march = SessionFactory(support_form=training, date=date(2025, 3, 3))
    may = SessionFactory(support_form=training, date=date(2025, 5, 20), start_time=time(8),
                         end_time=time(10))
    attend(march, ania)
    attend(march, basia)
    attend(may, ania)
    attend(may, basia, present=False)

    assert hours_by_month(training.project, as_of=TODAY) == [
        (date(2025, 3, 1), Decimal("3.00")),
        (date(2025, 4, 1), Decimal("0.00")),
        (date(2025, 5, 1), Decimal("2.00")),
    ]


def _fill(project, participants, sessions):
    support_form = SupportFormFactory(project=project, instrument="health")
    people = [referred(support_form) for _ in range(participants)]
    held = [
        SessionFactory(support_form=support_form, date=date(2025, 1 + index % 12, 1 + index % 28))
        for index in range(sessions)
    ]
    consultations = [
        SessionFactory(support_form=support_form, kind="individual", participation=person,
                       date=date(2025, 2, 2), start_time=time(7), end_time=time(8))
        for person in people
    ]
    Attendance.objects.bulk_create(
        Attendance(session=session, participation=person, present=True)
        for session in held for person in people
    )
    Attendance.objects.bulk_create(
        Attendance(session=session, participation=session.participation, present=True)
        for session in consultations
    )
    refresh_hours(participations=people)
    return people


@pytest.mark.parametrize("size", [(2, 2), (25, 30)])
def test_every_computation_runs_a_fixed_number_of_queries(
    project, django_assert_num_queries, size
):
    people = _fill(project, *size)
    _fill(project, *size)

    with django_assert_num_queries(1):
        hours = hours_by_participation(people)
    with django_assert_num_queries(3):
        rows = support_form_hours(project, as_of=TODAY)
    with django_assert_num_queries(3):
        instrument_hours(project, as_of=TODAY)
    with django_assert_num_queries(1):
        months = hours_by_month(project, as_of=TODAY)

    participants, sessions = size
    assert len(hours) == participants
    assert [row.participants for row in rows] == [participants, participants]
    assert sum(hours for _, hours in months) == 2 * participants * (Decimal("1.5") * sessions + 1)


def test_hours_by_month_sums_the_days_of_a_month_and_crosses_the_year(training):
    person = referred(training)
    for day in (date(2024, 11, 4), date(2024, 11, 28), date(2025, 1, 31)):
        attend(SessionFactory(support_form=training, date=day, start_time=time(9),
                              end_time=time(10, 30)), person)

    assert hours_by_month(training.project, as_of=TODAY) == [
        (date(2024, 11, 1), Decimal("3.00")),
        (date(2024, 12, 1), Decimal("0.00")),
        (date(2025, 1, 1), Decimal("1.50")),
    ]


def test_a_support_form_nobody_was_referred_to_counts_no_referrals(training, counselling):
    referred(training)
    referred(training)

    rows = {row.support_form: row for row in support_form_hours(training.project, as_of=TODAY)}

    assert (rows[training].referred, rows[counselling].referred) == (2, 0)
    assert rows[counselling].planned_total_hours == Decimal(10)


def test_participants_are_read_as_summed_pairs_not_one_row_per_attendance_mark(
    project, training
):
    people = [referred(training) for _ in range(3)]
    sessions = [SessionFactory(support_form=training, date=date(2025, 3, day))
                for day in (3, 4, 5)]
    for session in sessions:
        for person in people:
            attend(session, person)

    with CaptureQueriesContext(connection) as queries:
        rows = support_form_hours(project, as_of=TODAY)

    assert rows[0].participants == 3
    assert rows[0].participant_ids == frozenset(person.pk for person in people)
    assert not [q["sql"] for q in queries if "instruments_attendance" in q["sql"]]


def test_a_period_reads_who_came_in_it_as_distinct_pairs(project, training):
    people = [referred(training) for _ in range(3)]
    for day in (3, 4, 5):
        session = SessionFactory(support_form=training, date=date(2025, 3, day))
        for person in people:
            attend(session, person)

    with CaptureQueriesContext(connection) as queries:
        rows = support_form_hours(project, as_of=TODAY, since=date(2025, 3, 4))

    assert rows[0].participants == 3
    assert rows[0].sessions == 2
    distinct = [q["sql"] for q in queries if "SELECT DISTINCT" in q["sql"]]
    # The default ordering of attendance would add its columns to DISTINCT (6 rows, not 3).
    assert len(distinct) == 1
    assert "ORDER BY" not in distinct[0]
