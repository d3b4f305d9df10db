"""A project's indicators and dashboard do not slow down because other projects exist (issue 13,
point 6): the same queries beside other projects, and on PostgreSQL the facts query reads the
project's contracts, training results and social progress only, not every project's."""

import json
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from contracts.models import ContractKind, SocialContract
from participants.models import Participation, ParticipationStatus, Person, search_key
from reporting.indicators import project_indicators
from results.models import SocialProgress
from trainings.models import CourseDocument, TrainingCourse, TrainingResult

from .conftest import make_member
from .factories import ProjectFactory, SupportFormFactory

pytestmark = pytest.mark.django_db

FACT_TABLES = ("contracts_socialcontract", "trainings_trainingresult", "results_socialprogress")


def taking_part(project, count: int, prefix: str) -> None:
    """``count`` people taking part in ``project``, in bulk: each with a social contract or an
    agreement, a training result (every third a qualification) and social progress."""
    worker = make_member(project, project.lead_beneficiary, Role.SOCIAL_WORKER,
                         f"pracownik-{prefix.lower()}")
    form = SupportFormFactory(project=project, instrument="educational", mode="training")
    course = TrainingCourse.objects.create(support_form=form, leads_to_qualification=True)
    start = project.start_date
    persons = Person.objects.bulk_create(
        Person(first_name="Anna", last_name=f"{prefix}{n:04d}", sex="K",
               birth_date=date(1980, 5, 17), other_identifier=f"I-{prefix}-{n}",
               search_text=search_key(f"{prefix}{n:04d} anna"),
               organisation=project.lead_beneficiary)
        for n in range(count)
    )
    participations = Participation.objects.bulk_create(
        Participation(person=person, project=project, organisation=project.lead_beneficiary,
                      status=ParticipationStatus.PARTICIPANT, start_date=start)
        for person in persons
    )
    SocialContract.objects.bulk_create(
        SocialContract(
            participation=p, project=project, sequence=n, number=f"{prefix}/KS/{n}",
            kind=ContractKind.SOCIAL_CONTRACT if n % 2 else ContractKind.MODELLED_AGREEMENT,
            signed_on=start, valid_from=start, valid_to=start + timedelta(days=180),
            worker=worker, assessment="Opis sytuacji.", goals="Aktywizacja.",
        )
        for n, p in enumerate(participations, start=1)
    )
    qualification = {"document_kind": CourseDocument.QUALIFICATION, "document_body": "UDT",
                     "document_number": "1/2025", "document_date": start}
    TrainingResult.objects.bulk_create(
        TrainingResult(course=course, participation=p, **(qualification if n % 3 == 0 else {}))
        for n, p in enumerate(participations, start=1)
    )
    SocialProgress.objects.bulk_create(
        SocialProgress(participation=p, description="Poprawa", evidence="opinia",
                       date=start + timedelta(days=30))
        for p in participations
    )


def page_queries(client, name, project) -> int:
    url = reverse(name, args=[project.pk])
    client.get(url)  # warms caches (content types, the session)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def figures(project) -> dict:
    return {result.code: result.achieved for result in project_indicators(project)}


@pytest.mark.parametrize("name", ["reporting:dashboard", "reporting:project_indicators"])
def test_the_dashboard_and_indicators_run_the_same_queries_beside_other_projects(
    client, director, project, name
):
    taking_part(project, 6, "Nasz")
    client.force_login(director)
    alone, alone_figures = page_queries(client, name, project), figures(project)

    for number in range(2):
        taking_part(ProjectFactory(short_name=f"INNY-{number}"), 30, f"Inny{number}x")
    beside = page_queries(client, name, project)

    assert beside == alone
    assert figures(project) == alone_figures
    assert alone_figures["social-contracts"] == 3
    assert alone_figures["modelled-agreements"] == 3
    assert alone_figures["qualifications"] == 2


# --- PostgreSQL: the rows the facts query reads -----------------------------------------------


def _scans(node):
    yield node
    for child in node.get("Plans", []):
        yield from _scans(child)


def rows_read(project) -> dict[str, int]:
    """The rows the facts query's scans of each fact table read, by EXPLAIN ANALYZE: the rows
    they returned and the rows they filtered out, over all their loops."""
    with connection.cursor() as cursor:
        # Fresh statistics, as a live installation keeps them: the planner chooses by them.
        cursor.execute(f"ANALYZE participants_participation, {', '.join(FACT_TABLES)}")
    with CaptureQueriesContext(connection) as captured:
        project_indicators(project)
    sql = next(q["sql"] for q in captured if "has_contract" in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    read = dict.fromkeys(FACT_TABLES, 0)
    for node in _scans(plan[0]["Plan"]):
        if node.get("Relation Name") in read:
            per_loop = node["Actual Rows"] + node.get("Rows Removed by Filter", 0)
            read[node["Relation Name"]] += round(per_loop * node["Actual Loops"])
    return read


def test_the_indicator_facts_read_only_the_projects_rows_on_postgresql(project):
    """Beside another project's two thousand people, the facts of a 20-person project read no
    more rows than alone. Before, PostgreSQL answered "has a contract" by hashing every
    contract of the installation, so a small project's page slowed down as others grew."""
    if connection.vendor != "postgresql":
        pytest.skip("the plans are PostgreSQL's; SQLite has no such planner to ask")
    taking_part(project, 20, "Nasz")
    alone = rows_read(project)

    taking_part(ProjectFactory(short_name="INNY-1"), 2000, "Innyx")
    beside = rows_read(project)

    assert all(alone.values()), alone  # each table was read: the measure measures something
    for table in FACT_TABLES:
        assert beside[table] <= alone[table], (table, alone, beside)


def test_each_persons_facts_are_read_without_sorting_or_joining_projects_on_postgresql(project):
    """The facts asked for each person (a contract, an agreement, a qualification) read only
    the fact's own rows: no model's default order (before, each of 10,000 people's contract was
    sorted by its project, read by a join, which took the dashboard from 200 to 560 ms)."""
    if connection.vendor != "postgresql":
        pytest.skip("the plans are PostgreSQL's; SQLite has no such planner to ask")
    taking_part(project, 5, "Nasz")
    with CaptureQueriesContext(connection) as captured:
        project_indicators(project)
    sql = next(q["sql"] for q in captured if "has_contract" in q["sql"])
    for fact in ("has_contract", "has_agreement", "has_qualification"):
        subquery = sql.split(f'AS "{fact}"')[0].rsplit("(SELECT", 1)[1]
        assert "ORDER BY" not in subquery and "projects_project" not in subquery, subquery
