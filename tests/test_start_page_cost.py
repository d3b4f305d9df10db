"""The start pages cost what the user's own work costs (issue 13, point 3): the same queries
with one project as with several other projects full of participants, and with 3 own
participants as with 30; the queries are restricted to the user's projects and cases."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from participants.models import Participation, ParticipationStatus, Person, search_key

from .conftest import make_member
from .factories import ContractFactory, ParticipationFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def current(office):
    today = timezone.localdate()
    return ProjectFactory(lead_beneficiary=office, short_name="BIEŻĄCY-1",
                          start_date=today - timedelta(days=400),
                          end_date=today + timedelta(days=400))


def crowd(project, count, prefix):
    """Other people's participants, in bulk."""
    persons = Person.objects.bulk_create(
        Person(first_name="Jan", last_name=f"{prefix}{n:04d}", sex="M",
               birth_date=date(1975, 1, 1), other_identifier=f"C-{prefix}-{n}",
               search_text=search_key(f"{prefix}{n:04d} jan"),
               organisation=project.lead_beneficiary)
        for n in range(count)
    )
    Participation.objects.bulk_create(
        Participation(person=person, project=project, organisation=project.lead_beneficiary,
                      status=ParticipationStatus.PARTICIPANT, start_date=project.start_date)
        for person in persons
    )


def others_projects(count=3, people=200):
    """Projects of other organisations, full of participants, with their own teams."""
    for number in range(count):
        project = ProjectFactory(short_name=f"INNY-{number}")
        worker = make_member(project, project.lead_beneficiary, Role.SOCIAL_WORKER,
                             f"inny{number}")
        crowd(project, people, f"Inny{number}x")
        for participation in Participation.objects.filter(project=project)[:5]:
            ContractFactory(participation=participation, worker=worker)


def own_cases(project, worker, count):
    today = timezone.localdate()
    for _number in range(count):
        participation = ParticipationFactory(project=project, social_worker=worker,
                                             start_date=today - timedelta(days=30))
        ContractFactory(participation=participation, valid_to=today + timedelta(days=5))


def start_queries(client) -> list[str]:
    client.get(reverse("home:start"))  # warms caches (content types, the session)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("home:start")).status_code == 200
    return [query["sql"] for query in captured]


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.COORDINATOR])
def test_the_start_page_costs_the_same_beside_other_projects_full_of_people(
    client, current, office, role
):
    user = make_member(current, office, role, "ja")
    worker = user if role == Role.SOCIAL_WORKER else make_member(
        current, office, Role.SOCIAL_WORKER, "alicja")
    own_cases(current, worker, 3)
    client.force_login(user)
    alone = start_queries(client)

    others_projects()
    beside_others = start_queries(client)

    assert len(beside_others) == len(alone)
    # Nothing of the other projects is read: every query that reads participations is
    # limited to the user's projects (or their own cases), none reads them all.
    assert Participation.objects.exclude(project=current).count() == 600
    for sql in beside_others:
        if '"participants_participation"' in sql:
            assert "projects_membership" in sql or "social_worker_id" in sql, sql


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.COORDINATOR])
def test_the_start_page_costs_the_same_for_3_and_for_30_own_participants(
    client, current, office, role
):
    user = make_member(current, office, role, "ja")
    worker = user if role == Role.SOCIAL_WORKER else make_member(
        current, office, Role.SOCIAL_WORKER, "alicja")
    client.force_login(user)
    own_cases(current, worker, 3)
    few = start_queries(client)

    own_cases(current, worker, 27)
    many = start_queries(client)

    assert len(many) == len(few)
    page = client.get(reverse("home:start")).content.decode()
    if role == Role.SOCIAL_WORKER:
        assert "30 kontraktów do przeglądu lub kończących się" in page


def test_the_project_cards_count_only_people_taking_part(client, current, office):
    coordinator = make_member(current, office, Role.COORDINATOR, "ja")
    crowd(current, 4, "Nasz")
    ParticipationFactory(project=current, status=ParticipationStatus.CANDIDATE, start_date=None)
    others_projects(count=1, people=10)
    client.force_login(coordinator)

    page = client.get(reverse("home:start")).content.decode()

    assert "4 osoby w projekcie" in page


def test_the_double_funding_check_looks_people_up_in_indexes_on_postgresql(
    client, current, office
):
    """Each of the coordinator's people is looked up by person, PESEL and document in an
    index: one subquery for each, not one that reads every participation for each person."""
    if connection.vendor != "postgresql":
        pytest.skip("the plans are PostgreSQL's; SQLite has no such planner to ask")
    coordinator = make_member(current, office, Role.COORDINATOR, "ja")
    others_projects(count=1, people=2000)
    queryset = Participation.objects.for_user(coordinator).overlapping_elsewhere()
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # Tiny test tables would be read whole, and with fifty rows reading a whole index was
        # as cheap as looking one PESEL up: two thousand people and fresh statistics, with
        # sequential scans discouraged, give the plan a large installation gets.
        cursor.execute("ANALYZE participants_person, participants_participation")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "person_by_pesel" in plan and "person_by_document" in plan, plan
