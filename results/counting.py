"""Which employment counts for employment effectiveness: one verdict for the indicators, the
summary and the participant's card (by the programme's ``EmploymentRule`` rows)."""

from collections import defaultdict
from datetime import date

from django.db.models import F

from projects.models import Project

from .models import Employment, EmploymentRule, MinimumWage, employment_problems


def first_counted_employment(participations) -> dict[int, date]:
    """For each participation: the start of its first employment that counts (three queries).

    Counts: from the start of the participation on, and by the programme's employment rules
    (``results.EmploymentRule``: form, length, working time, value); a programme without rules
    counts every form. The participant's Results tab shows the same verdict for each record.
    """
    rows = list(
        Employment.objects.filter(participation__in=participations)
        .filter(start_date__gte=F("participation__start_date"))
        .select_related("participation__project")
        .only("participation_id", "contract_type", "start_date", "end_date", "working_time",
              "contract_value", "participation__project__programme_id")
        .order_by("start_date", "pk")
    )
    # The rules of the participations' programmes, asked for even when nobody is employed yet,
    # so that the number of queries does not depend on the data.
    rules = employment_rules_by_programme(
        Project.objects.filter(participations__in=participations).values("programme")
    )
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
