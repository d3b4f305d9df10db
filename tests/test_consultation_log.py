"""The consultation log: many individual consultations of a support form in one table form,
each recorded as the person's attended consultation, all or nothing."""

from datetime import date, time, timedelta
from math import ceil

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from instruments.hours import hours_by_participation
from instruments.models import Attendance, ReferralStatus, Session, SessionKind
from instruments.services import Consultation, attendance_set, consultations_record, session_create

from .factories import (
    ParticipationFactory,
    PersonFactory,
    ReferralFactory,
    SessionFactory,
    SupportFormFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def counselling(project):
    return SupportFormFactory(project=project, name="Doradztwo zawodowe", mode="individual")


@pytest.fixture
def people(project, counselling):
    found = [ParticipationFactory(project=project, start_date=date(2025, 3, 1)) for _n in range(3)]
    for participation in found:
        ReferralFactory(participation=participation, support_form=counselling)
    return found


def log(client, support_form, lines, **shared):
    data = {"staff_name": "Agata Rogalska", "place": "MOPS, pokój 12", "hours_unit": "clock",
            "lines-TOTAL_FORMS": str(max(5, len(lines))), "lines-INITIAL_FORMS": "0", **shared}
    for number, (participation, day, start, end) in enumerate(lines):
        data |= {f"lines-{number}-participation": participation.pk,
                 f"lines-{number}-date": day, f"lines-{number}-start_time": start,
                 f"lines-{number}-end_time": end}
    return client.post(reverse("instruments:consultation_log", args=[support_form.pk]), data)


def test_the_coordinator_records_a_days_consultations_at_once(
    client, coordinator, counselling, people
):
    first, second, third = people
    client.force_login(coordinator)

    response = log(client, counselling, [
        (first, "03.03.2025", "09:00", "10:00"),
        (second, "03.03.2025", "10:00", "11:30"),
        (third, "04.03.2025", "09:00", "10:00"),
    ])

    assert response.status_code == 302
    sessions = Session.objects.filter(support_form=counselling)
    assert sessions.count() == 3
    assert set(sessions.values_list("kind", flat=True)) == {SessionKind.INDIVIDUAL}
    assert set(sessions.values_list("staff_name", "place")) == {("Agata Rogalska",
                                                                 "MOPS, pokój 12")}
    marks = Attendance.objects.filter(session__support_form=counselling)
    assert sorted(marks.values_list("participation", "present")) == sorted(
        (p.pk, True) for p in people
    )
    assert not Attendance.history.filter(history_user__isnull=True).exists()
    hours = hours_by_participation(people)
    assert hours[second.pk][counselling.pk] == 1.5
    page = client.get(response["Location"]).content.decode()
    assert "3 konsultacje" in page


def test_one_line_that_cannot_be_true_saves_none_and_is_named(
    client, coordinator, counselling, people
):
    first, second, _third = people
    client.force_login(coordinator)

    response = log(client, counselling, [
        (first, "03.03.2025", "09:00", "10:00"),
        (first, "03.03.2025", "09:30", "10:30"),  # the same person, at the same time
        (second, "15.02.2025", "09:00", "10:00"),  # before the participation started
    ])

    assert response.status_code == 400
    assert not Session.objects.filter(support_form=counselling).exists()
    page = response.content.decode()
    assert "Wiersz 2" in page and str(first.person) in page
    assert "Wiersz 3" in page and str(second.person) in page


def test_a_line_ending_before_it_starts_is_refused_on_its_field(
    client, coordinator, counselling, people
):
    client.force_login(coordinator)

    response = log(client, counselling, [(people[0], "03.03.2025", "11:00", "10:00")])

    assert response.status_code == 400
    assert "Wiersz 1" in response.content.decode()
    assert not Session.objects.exists()


def test_an_empty_log_is_refused(client, coordinator, counselling, people):
    client.force_login(coordinator)

    response = log(client, counselling, [])

    assert response.status_code == 400
    assert not Session.objects.exists()


def _write_batches(count: int) -> int:
    """The inserts of ``count`` consultations and their marks, with their history. PostgreSQL
    takes each in one query; SQLite takes 999 parameters a query, so Django splits a bulk write
    there. Constant in the lines but for the database's own limit."""
    writes = [
        Session._meta.concrete_fields, Session.history.model._meta.concrete_fields,
        Attendance._meta.concrete_fields, Attendance.history.model._meta.concrete_fields,
    ]
    rows = range(count)
    return sum(ceil(count / connection.ops.bulk_batch_size(fields, rows)) for fields in writes)


def _queries_of_a_log(client, project, counselling, count, first):
    people = []
    for n in range(count):
        participation = ParticipationFactory(
            project=project, start_date=date(2025, 3, 1),
            person=PersonFactory(last_name=f"Osoba{first + n:03d}"),
        )
        ReferralFactory(participation=participation, support_form=counselling)
        people.append(participation)
    lines = [
        (participation, f"{3 + n % 10:02d}.03.2025", "09:00" if first else "11:00",
         "10:00" if first else "12:00")
        for n, participation in enumerate(people)
    ]
    with CaptureQueriesContext(connection) as queries:
        response = log(client, counselling, lines)
    assert response.status_code == 302, response.context["line_errors"]
    assert Session.objects.filter(participation__in=people, kind=SessionKind.INDIVIDUAL,
                                  support_form=counselling).count() == count
    assert Attendance.objects.filter(participation__in=people, present=True).count() == count
    assert Session.history.filter(participation__in=people).count() == count
    assert Attendance.history.filter(participation__in=people,
                                     history_user__isnull=False).count() == count
    return len(queries)


def test_the_log_costs_the_same_queries_for_three_lines_as_for_thirty(
    client, coordinator, project, counselling
):
    client.force_login(coordinator)

    for_3 = _queries_of_a_log(client, project, counselling, 3, 0)
    for_30 = _queries_of_a_log(client, project, counselling, 30, 100)

    print(f"the consultation log: {for_3} queries for 3 lines, {for_30} for 30")
    assert for_30 - _write_batches(30) == for_3 - _write_batches(3)


def _one_at_a_time(support_form, consultation, by) -> str | None:
    """What recording the line alone, as a single consultation, answers (nothing is kept)."""
    try:
        with transaction.atomic():
            session = session_create(
                support_form=support_form, by=by, kind=SessionKind.INDIVIDUAL,
                date=consultation.date, start_time=consultation.start_time,
                end_time=consultation.end_time, hours_unit="clock",
                participation=consultation.participation,
            )
            attendance_set(session=session, participation=consultation.participation,
                           present=True, by=by)
            transaction.set_rollback(True)
    except ValidationError as error:
        return " ".join(error.messages)
    return None


def test_the_log_refuses_each_line_as_one_consultation_would_be(
    project, coordinator, counselling, people
):
    busy, withdrawn, late = people
    withdrawn.referrals.update(status=ReferralStatus.WITHDRAWN, withdrawn_on=date(2025, 3, 2),
                                 withdrawal_reason="Rezygnacja")
    late.start_date = date(2025, 4, 1)
    late.save()
    elsewhere = SessionFactory(support_form=SupportFormFactory(project=project),
                               date=date(2025, 3, 3), start_time=time(9, 0), end_time=time(12, 0))
    Attendance.objects.create(session=elsewhere, participation=busy, present=True)
    tomorrow = timezone.localdate() + timedelta(days=1)
    lines = [
        Consultation(busy, date(2025, 3, 4), time(9, 0), time(10, 0)),  # recordable
        Consultation(busy, date(2025, 3, 3), time(10, 0), time(11, 0)),  # at another session
        Consultation(withdrawn, date(2025, 3, 3), time(10, 0), time(11, 0)),  # withdrawn
        Consultation(late, date(2025, 3, 3), time(12, 0), time(13, 0)),  # not yet taking part
        Consultation(busy, tomorrow, time(9, 0), time(10, 0)),  # not held yet
        Consultation(busy, date(2024, 12, 2), time(9, 0), time(10, 0)),  # before the period
    ]
    expected = [
        gettext("Line %(line)s, %(name)s, %(date)s: %(error)s") % {
            "line": number, "name": line.participation.person,
            "date": date_format(line.date, "SHORT_DATE_FORMAT"), "error": answer,
        }
        for number, line in enumerate(lines, start=1)
        if (answer := _one_at_a_time(counselling, line, coordinator))
    ]

    with pytest.raises(ValidationError) as refused:
        consultations_record(support_form=counselling, consultations=lines, hours_unit="clock",
                             staff_name="", place="", by=coordinator)

    assert len(expected) == 5
    assert refused.value.messages == expected
    assert not Session.objects.filter(support_form=counselling).exists()
