"""Importing new participants costs a few queries a chunk, not some sixty a row (issue 13,
point 7), and records what the one-by-one import recorded: the same people, participations,
path log, referrals and history, each entry by the importing person."""

from datetime import date
from uuid import uuid4

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext as _

from demo.people import make_pesel
from instruments.models import Referral
from monitoring.importing import parse_file
from monitoring.services import participants_import
from participants.models import Participation, ParticipationStatus, Person, StatusChange
from participants.services import participant_register, participation_change_status

from .factories import ProjectFactory, SupportFormFactory, UserFactory
from .helpers.monitoring import VALID, csv_file

ENDED = {"end_date": "2025-06-30", "path_completed": "Tak",
         "situation_at_exit": "Osoba pracująca (w tym prowadząca działalność na własny rachunek)"}


def _rows(count: int) -> list[dict]:
    """People of both sexes, some ended (completed or not), each referred to support."""
    rows = []
    for number in range(count):
        sex = "K" if number % 2 else "M"
        pesel = make_pesel(date(1985, 3, 15), number, sex)
        row = VALID | {
            "first_name": f"Osoba{number}", "pesel": pesel,
            "sex": "Kobieta" if sex == "K" else "Mężczyzna",
            "support": "Doradztwo zawodowe (2025-02-10)",
        }
        if number % 3 == 1:
            row |= ENDED
        if number % 3 == 2:
            row |= ENDED | {"path_completed": "Nie", "situation_at_exit": ""}
        rows.append(row)
    return rows


def _project():
    project = ProjectFactory()
    SupportFormFactory(project=project, name="Doradztwo zawodowe")
    return project


def _import_queries(count: int) -> int:
    project, user = _project(), UserFactory()
    parsed = parse_file(csv_file(*_rows(count)), project)
    assert not parsed.errors
    with CaptureQueriesContext(connection) as context:
        result = participants_import(project=project, parsed=parsed, by=user)
    assert result.created == count
    return len(context.captured_queries)


@pytest.mark.django_db
def test_new_rows_cost_a_bounded_number_of_queries_each():
    few, many = _import_queries(3), _import_queries(30)

    assert (many - few) / 27 <= 5  # it was some sixty a row


# --- The same records as the one-by-one import made -------------------------------------------


def _one_by_one(project, parsed, by):
    """What the import did for each new row before (issue 13): the services, row by row."""
    for row in parsed.valid_rows:
        participation = Participation(**row.participation)
        participation._history_user = by
        start, end = participation.start_date, participation.end_date
        participation.start_date = participation.end_date = None
        person = Person(**row.person, organisation=project.lead_beneficiary)
        person._history_user = by
        participant_register(project=project, person=person, participation=participation,
                             by=by, token=uuid4(), on=start)
        steps = [(ParticipationStatus.QUALIFIED, start), (ParticipationStatus.PARTICIPANT, start)]
        if end:
            steps.append((ParticipationStatus.COMPLETED if participation.path_completed
                          else ParticipationStatus.RESIGNED, end))
        for status, day in steps:
            if status == ParticipationStatus.PARTICIPANT:
                participation.start_date = day
            participation_change_status(
                participation=participation, to_status=status, on=day, by=by,
                reason=_("Imported from the monitoring file."),
                expected_version=participation.version,
            )
        for support_form, day in row.support:
            referral = Referral(participation=participation, support_form=support_form,
                                referred_on=day)
            referral.full_clean()
            referral._history_user = by
            referral.save()


IGNORED = {"id", "history_id", "history_date", "changed_at", "creation_token", "project_id",
           "person_id", "participation_id", "support_form_id", "organisation_id", "search_text"}


def _recorded(project) -> dict:
    """What the project holds, without what differs between two projects (keys, times)."""
    participations = Participation.objects.filter(project=project).order_by("person__pesel")

    def rows(queryset, *order):
        return [{k: v for k, v in row.items() if k not in IGNORED}
                for row in queryset.order_by(*order).values()]

    people = Person.objects.filter(participations__project=project)
    return {
        "people": rows(people, "pesel"),
        "people's history": rows(Person.history.filter(id__in=people.values("id")),
                                 "pesel", "history_date"),
        "participations": rows(participations, "person__pesel"),
        "participations' history": rows(
            Participation.history.filter(project=project), "person__pesel", "history_date"),
        "path log": rows(StatusChange.objects.filter(participation__project=project),
                         "participation__person__pesel", "changed_at", "id"),
        "referrals": rows(Referral.objects.filter(participation__project=project),
                          "participation__person__pesel"),
        "referrals' history": rows(Referral.history.filter(participation__project=project),
                                   "participation__person__pesel"),
    }


@pytest.mark.django_db
def test_the_records_and_their_history_are_those_of_the_one_by_one_import():
    user = UserFactory()
    data = csv_file(*_rows(6))
    before, after = _project(), _project()
    _one_by_one(before, parse_file(data, before), user)

    participants_import(project=after, parsed=parse_file(data, after), by=user)

    expected, imported = _recorded(before), _recorded(after)
    assert len(expected["participations' history"]) == 6 * 3 + 4
    for name, rows in expected.items():
        assert imported[name] == rows, name
    assert {entry.history_user for model in (Person, Participation, Referral)
            for entry in model.history.all()} == {user}
