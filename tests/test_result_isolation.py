"""A project's employment and social progress are read without reading other projects' (issue 13,
point 6): on PostgreSQL the queries of the dashboard, the indicators and the summary read the
same rows of the employment and social-progress tables beside a large other project as alone,
and the figures do not change."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from participants.models import Participation, ParticipationStatus, Person, search_key
from reporting.dashboard import build_dashboard
from reporting.indicators import project_indicators
from reporting.summary import build_summary
from results.models import Employment, SocialProgress

from .factories import ProjectFactory

pytestmark = pytest.mark.django_db

RESULT_TABLES = ("results_employment", "results_socialprogress")


def completed(project, count: int, prefix: str) -> None:
    """``count`` people who completed the project, in bulk: each employed two weeks after the
    end, each with social progress (one each: EXPLAIN gives the rows a loop returned rounded,
    and a loop finding one in two would show none)."""
    start = project.start_date
    end = start + timedelta(days=120)
    persons = Person.objects.bulk_create(
        Person(first_name="Jan", last_name=f"{prefix}{n:04d}", sex="M" if n % 2 else "K",
               birth_date=start.replace(year=1980), other_identifier=f"R-{prefix}-{n}",
               search_text=search_key(f"{prefix}{n:04d} jan"),
               organisation=project.lead_beneficiary)
        for n in range(count)
    )
    participations = Participation.objects.bulk_create(
        Participation(person=person, project=project, organisation=project.lead_beneficiary,
                      status=ParticipationStatus.COMPLETED, start_date=start, end_date=end,
                      path_completed=True)
        for person in persons
    )
    Employment.objects.bulk_create(
        Employment(participation=p, contract_type="employment_contract", employer_name="Sklep",
                   start_date=end + timedelta(days=14), working_time=1, evidence="umowa")
        for p in participations
    )
    SocialProgress.objects.bulk_create(
        SocialProgress(participation=p, description="Poprawa", evidence="opinia",
                       date=start + timedelta(days=30))
        for p in participations
    )


def _scans(node):
    yield node
    for child in node.get("Plans", []):
        yield from _scans(child)


def _pages(project) -> None:
    build_dashboard(project)
    project_indicators(project)
    build_summary(project)


def rows_read(project) -> dict[str, int]:
    """The rows of each result table that the scans of the pages' queries read, by EXPLAIN
    ANALYZE: the rows they returned and the rows they filtered out, over all their loops."""
    with connection.cursor() as cursor:
        # Fresh statistics, as a live installation keeps them: the planner chooses by them.
        cursor.execute(f"ANALYZE participants_participation, {', '.join(RESULT_TABLES)}")
    with CaptureQueriesContext(connection) as captured:
        _pages(project)
    read = dict.fromkeys(RESULT_TABLES, 0)
    for query in captured:
        if not any(table in query["sql"] for table in RESULT_TABLES):
            continue
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {query['sql']}")
            plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        for node in _scans(plan[0]["Plan"]):
            if node.get("Relation Name") in read:
                per_loop = (node["Actual Rows"] + node.get("Rows Removed by Filter", 0)
                            + node.get("Rows Removed by Index Recheck", 0))
                read[node["Relation Name"]] += round(per_loop * node["Actual Loops"])
    return read


def figures(project) -> dict:
    indicators = {row.code: row.achieved for row in project_indicators(project)}
    summary = {result.kind: result.count for result in build_summary(project).results}
    return {
        "employed": indicators["employed"], "social-progress": indicators["social-progress"],
        "summary-employed": summary["employed"], "summary-progress": summary["social_progress"],
    }


def test_the_pages_read_only_the_projects_employment_and_social_progress_on_postgresql(project):
    """Beside another project's two thousand people, each employed, the dashboard, indicators
    and summary of a 20-person project read no more employment or social-progress rows than
    alone. Before, PostgreSQL read every employment of the installation (and the summary every
    social progress) to find the project's few, so a small project's pages slowed down as the
    others grew."""
    if connection.vendor != "postgresql":
        pytest.skip("the plans are PostgreSQL's; SQLite has no such planner to ask")
    completed(project, 20, "Nasz")
    alone, alone_figures = rows_read(project), figures(project)

    completed(ProjectFactory(short_name="INNY-1"), 2000, "Innyx")
    beside = rows_read(project)

    assert alone_figures == {"employed": 20, "social-progress": 20,
                             "summary-employed": 20, "summary-progress": 20}
    assert figures(project) == alone_figures
    assert all(alone.values()), alone  # each table was read: the measure measures something
    for table in RESULT_TABLES:
        assert beside[table] <= alone[table], (table, alone, beside)
