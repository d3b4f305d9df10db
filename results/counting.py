"""Which employment counts for employment effectiveness: one verdict for the indicators, the
summary and the participant's card (by the programme's ``EmploymentRule`` rows)."""

from collections import defaultdict
from datetime import date

from django.db.models import BooleanField, F, Func, QuerySet

from projects.models import Project

from .models import Employment, EmploymentRule, MinimumWage, employment_problems


class _Among(Func):
    """``column IN (subquery)``; on PostgreSQL ``column = ANY(ARRAY(subquery))``.

    PostgreSQL plans ``IN (subquery)`` as a join, and by its costs it found a 100-person
    project's employment by hashing its participations and reading the whole employment table
    (employment has no project of its own to be found by): 7 ms a call beside 66,000 other
    employments, so a project's pages slowed down as the other projects grew. The array is
    computed first (its length unknown when planning, PostgreSQL takes it as short), and the
    rows matching it are looked up through the participation index: the project's only,
    whatever the size of the table. Measured beside 200,000 participations and 13,334
    employments: 0.1 ms instead of 1.9 ms for 100 people, 7 ms instead of 5 ms for 10,000.
    """

    output_field = BooleanField()

    def as_sql(self, compiler, connection, template="%s IN %s"):
        column, subquery = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        # No participations (EmptyResultSet raised): no rows, as with ``__in``.
        subquery_sql, subquery_params = compiler.compile(subquery)
        return template % (column_sql, subquery_sql), (*column_params, *subquery_params)

    def as_postgresql(self, compiler, connection):
        return self.as_sql(compiler, connection, template="%s = ANY(ARRAY%s)")


def first_counted_employment(participations) -> dict[int, date]:
    """For each participation: the start of its first employment that counts (three queries).

    Counts: from the start of the participation on, and by the programme's employment rules
    (``results.EmploymentRule``: form, length, working time, value); a programme without rules
    counts every form. The participant's Results tab shows the same verdict for each record.
    ``participations``: a queryset (its employment read through the participation index, see
    ``_Among``) or a list.
    """
    employment = (
        Employment.objects.filter(
            _Among(F("participation"), participations.order_by().values("pk"))
        )
        if isinstance(participations, QuerySet)
        else Employment.objects.filter(participation__in=participations)
    )
    rows = list(
        employment.filter(start_date__gte=F("participation__start_date"))
        .select_related("participation__project")
        .only("participation_id", "contract_type", "start_date", "end_date", "working_time",
              "contract_value", "participation__project__programme_id")
        .order_by("start_date", "pk")
    )
    # The rules of the participations' programmes, asked for even when nobody is employed yet,
    # so that the number of queries does not depend on the data.
    projects = (
        Project.objects.filter(pk__in=participations.order_by().values("project"))
        if isinstance(participations, QuerySet)
        else Project.objects.filter(participations__in=participations)
    )
    rules = employment_rules_by_programme(projects.values("programme"))
    wages = list(MinimumWage.objects.all())
    first: dict[int, date] = {}
    for employment in rows:
        programme_rules = rules.get(employment.participation.project.programme_id, {})
        if employment.participation_id not in first and not employment_problems(
            employment, programme_rules, wages
        ):
            first[employment.participation_id] = employment.start_date
    return first


def employment_rules_by_programme(programme_ids) -> dict[int, dict[str, EmploymentRule]]:
    rules: dict[int, dict[str, EmploymentRule]] = defaultdict(dict)
    for rule in EmploymentRule.objects.filter(programme__in=programme_ids):
        rules[rule.programme_id][rule.contract_type] = rule
    return rules


def employment_verdicts(participation) -> dict[int, list[str]]:
    """For each employment of the participation: why it does not count (empty: it counts)."""
    rules = employment_rules_by_programme([participation.project.programme_id])
    programme_rules = rules.get(participation.project.programme_id, {})
    wages = list(MinimumWage.objects.all())
    return {
        employment.pk: employment_problems(employment, programme_rules, wages)
        for employment in Employment.objects.filter(participation=participation)
    }
