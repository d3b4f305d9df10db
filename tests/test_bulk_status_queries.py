"""A bulk status change costs the same number of queries for 3 people as for 30 (issue 11,
point 10): the last steps are read at once, the rows locked in one query, the changes, the
path log and the history written in bulk."""

from datetime import date
from math import ceil

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participants.models import Participation, ParticipationStatus, StatusChange
from participants.services.status import STEP_FIELDS

from .factories import EditionFactory, ParticipationFactory, PersonFactory

Status = ParticipationStatus

STEPS = {
    "qualify": (Status.CANDIDATE, {"to_status": Status.QUALIFIED, "date": "2025-02-10"}),
    "start": (Status.QUALIFIED, {"to_status": Status.PARTICIPANT, "date": "2025-03-03"}),
    "complete": (Status.PARTICIPANT, {
        "to_status": Status.COMPLETED, "date": "2025-09-30", "situation_at_exit": "employed",
        "path_completed": "true", "exit_reason": "completed",
    }),
    "resign": (Status.PARTICIPANT, {
        "to_status": Status.RESIGNED, "date": "2025-09-30", "reason": "Podjęcie pracy",
    }),
}


def _write_batches(count: int) -> int:
    """The inserts and updates of ``count`` rows. PostgreSQL takes them in one query each;
    SQLite takes 999 parameters a query, so Django splits a bulk write there (the history's
    columns: 19 rows a query). Constant in the people but for the database's own limit."""
    writes = [
        Participation.history.model._meta.concrete_fields,
        StatusChange._meta.concrete_fields,
        ["pk", "pk", *STEP_FIELDS],  # as bulk_update counts a CASE of each field
    ]
    rows = range(count)
    return sum(ceil(count / connection.ops.bulk_batch_size(fields, rows)) for fields in writes)


def _people(project, coordinator, status, count, first):
    started = status == Status.PARTICIPANT
    people = []
    for n in range(count):
        participation = ParticipationFactory(
            project=project, status=status, application_date=date(2025, 2, 1),
            start_date=date(2025, 3, 1) if started else None,
            person=PersonFactory(last_name=f"Osoba{first + n:03d}"),
        )
        StatusChange.objects.create(participation=participation, from_status="",
                                    to_status=status, date=date(2025, 2, 1),
                                    changed_by=coordinator)
        people.append(participation)
    return people


def _queries_of_a_bulk_change(client, project, coordinator, step, count, first):
    current, data = STEPS[step]
    people = _people(project, coordinator, current, count, first)
    edition = EditionFactory(project=project)
    payload = {
        "obecny": current, "participations": [p.pk for p in people],
        **{f"wersja-{p.pk}": p.version for p in people},
        "edition": edition.pk, **data,
    }
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("participants:bulk_status", args=[project.pk]), payload)
    assert response.status_code == 302, response.context["form"].errors
    assert Participation.objects.filter(pk__in=[p.pk for p in people],
                                        status=data["to_status"]).count() == count
    assert StatusChange.objects.filter(participation__in=people,
                                       to_status=data["to_status"]).count() == count
    assert Participation.history.filter(id__in=[p.pk for p in people],
                                        status=data["to_status"],
                                        history_user=coordinator).count() == count
    return len(queries)


@pytest.mark.parametrize("step", list(STEPS))
def test_a_bulk_change_costs_the_same_queries_for_3_and_for_30_people(
    client, coordinator, project, step
):
    client.force_login(coordinator)

    for_3 = _queries_of_a_bulk_change(client, project, coordinator, step, 3, 0)
    for_30 = _queries_of_a_bulk_change(client, project, coordinator, step, 30, 100)

    print(f"{step}: {for_3} queries for 3 people, {for_30} for 30")
    assert for_30 - _write_batches(30) == for_3 - _write_batches(3)
    assert for_3 <= 25
