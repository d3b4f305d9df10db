"""Every indicator computed from the facts of a small hand-made project, with exact numbers."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from participants.models import ParticipationStatus as Status
from projects.models import FundingProgramme, IndicatorDefinition, IndicatorTarget
from reporting.indicators import (
    achieved_by_project,
    indicators_by_project,
    progress_of,
    project_indicators,
)
from results.models import EffectivenessRule
from trainings.models import TrainingCourse, TrainingResult

from .factories import (
    ContractFactory,
    IndicatorTargetFactory,
    ProjectFactory,
    SupportFormFactory,
)
from .helpers.indicators import employ, progress, take_part


def training_result(participation, course, kind):
    documents = {"document_body": "UDT", "document_number": "1/2025",
                 "document_date": date(2025, 3, 1)} if kind != "none" else {}
    return TrainingResult.objects.create(
        course=course, participation=participation, document_kind=kind, **documents
    )


@pytest.fixture
def course(project):
    support_form = SupportFormFactory(project=project, instrument="educational", mode="training")
    return TrainingCourse.objects.create(support_form=support_form, leads_to_qualification=True)


@pytest.fixture
def people(project, social_worker, course):
    """Seven people (one of them only a candidate), each showing one rule."""
    a = take_part(project, "K", 1, path_completed=True, social_worker=social_worker)
    employ(a, date(2025, 6, 15))  # exactly three months after the end: counts
    progress(a, date(2025, 6, 16))  # three months and a day: does not
    ContractFactory(participation=a)
    training_result(a, course, "qualification")

    b = take_part(project, "M", 2, disability="yes", degree="severe", path_completed=True)
    employ(b, date(2025, 6, 16))  # a day too late
    progress(b, date(2025, 6, 15))  # counts

    c = take_part(project, "K", 3, status=Status.RESIGNED, end=date(2025, 4, 30),
                  disability="yes", degree="moderate", path_completed=False,
                  social_worker=social_worker)
    employ(c, date(2025, 4, 1))  # left to take up work: during participation counts
    ContractFactory(participation=c)

    d = take_part(project, "M", 4, status=Status.PARTICIPANT, end=None)
    employ(d, date(2025, 5, 1))  # still taking part: not yet a result
    training_result(d, course, "qualification")

    e = take_part(project, "K", 5, status=Status.CANDIDATE, end=None)
    employ(e, date(2025, 5, 1))  # a candidate counts nowhere

    take_part(project, "M", 6, status=Status.REMOVED, end=date(2025, 5, 31), disability="yes",
              degree="severe")

    g = take_part(project, "K", 7, end=date(2025, 2, 28))
    employ(g, date(2024, 12, 1))  # work from before the project is not its result
    progress(g, date(2025, 5, 28))  # 28.02 + 3 months = 28.05: counts
    training_result(g, course, "certificate")  # a certificate is not a qualification
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "g": g}


def by_code(results):
    return {result.code: result for result in results}


# (achieved, women, men, disabled) of each count indicator of the hand-made project
EXPECTED = {
    "participants-total": (6, 3, 3, 3),
    "participants-women": (3, 3, 0, 1),
    "participants-men": (3, 0, 3, 2),
    "participants-disabled": (3, 1, 2, 3),
    "path-completed": (2, 1, 1, 1),
    "social-contracts": (2, 2, 0, 1),
    "qualifications": (2, 1, 1, 0),
    "employed": (2, 2, 0, 1),
    "social-progress": (2, 1, 1, 1),
}


@pytest.mark.parametrize("code", EXPECTED)
def test_it_counts_each_indicator_from_the_facts(project, people, code):
    result = by_code(project_indicators(project))[code]

    counted = (result.achieved, result.women, result.men, result.disabled)
    assert counted == (Decimal(EXPECTED[code][0]), *EXPECTED[code][1:])


def test_it_computes_every_indicator_of_the_code_list(project, people):
    results = project_indicators(project)

    assert [r.code for r in results] == list(
        IndicatorDefinition.objects.values_list("code", flat=True)
    )
    assert all(r.achieved is not None for r in results)


def test_employment_effectiveness_weighs_the_severe_disability_threshold(project, people):
    result = by_code(project_indicators(project))["employment-effectiveness"]
    e = result.effectiveness

    # A and C of the five who finished (A, B, C, F, G)
    assert result.achieved == Decimal("40.0")
    assert (e.finished.total, e.finished.women, e.finished.men, e.finished.disabled) == (
        5, 3, 2, 3
    )
    others, severe = e.groups
    assert (others.finished, others.with_result, others.threshold) == (3, 2, Decimal("22"))
    assert (severe.finished, severe.with_result, severe.threshold) == (2, 0, Decimal("12"))
    assert (others.met, severe.met) == (True, False)
    # (3 × 22 % + 2 × 12 %) / 5
    assert e.threshold == Decimal("18.0")
    assert e.window_months == 3
    assert result.met is True


def test_social_effectiveness_has_one_threshold_for_everyone(project, people):
    result = by_code(project_indicators(project))["social-effectiveness"]

    assert result.achieved == Decimal("40.0")  # B and G of five
    assert result.threshold == Decimal("34.0")
    assert [g.threshold for g in result.effectiveness.groups] == [Decimal("34"), Decimal("34")]
    assert [g.with_result for g in result.effectiveness.groups] == [1, 1]
    assert result.met is True


def test_it_reports_a_threshold_not_met(project, people):
    EffectivenessRule.objects.filter(kind="employment").update(threshold_percent=60)

    result = by_code(project_indicators(project))["employment-effectiveness"]

    assert result.threshold == Decimal("40.8")  # (3 × 60 + 2 × 12) / 5, above the 40 % achieved
    assert result.met is False


def test_the_window_is_the_rules_data(project, people):
    EffectivenessRule.objects.filter(kind="employment").update(window_months=6)

    results = by_code(project_indicators(project))

    # B's employment, a day after three months, is within six
    assert results["employed"].achieved == Decimal(3)
    assert results["employed"].window_months == 6
    assert results["employment-effectiveness"].achieved == Decimal("60.0")
    assert results["social-progress"].achieved == Decimal(2)  # its own rule is unchanged


def test_without_a_rule_it_counts_three_months_and_sets_no_threshold(db, social_worker):
    programme = FundingProgramme.objects.get(code="po-kl-2007-2013")
    assert not programme.effectiveness_rules.exists()
    project = ProjectFactory(programme=programme)
    ours = take_part(project, "K", 11)
    employ(ours, date(2025, 6, 15))
    late = take_part(project, "K", 12)
    employ(late, date(2025, 6, 16))

    results = by_code(project_indicators(project))

    assert results["employed"].achieved == Decimal(1)
    assert results["employment-effectiveness"].achieved == Decimal("50.0")
    assert results["employment-effectiveness"].threshold is None
    assert results["employment-effectiveness"].met is None


def test_nobody_finished_means_no_effectiveness_yet(project):
    take_part(project, "K", 21, status=Status.PARTICIPANT, end=None)

    result = by_code(project_indicators(project))["employment-effectiveness"]

    assert result.achieved is None
    assert result.met is None
    assert result.threshold == Decimal("22.0")


def test_it_compares_with_the_target(project, people):
    IndicatorTargetFactory(project=project, target_value=12)
    IndicatorTargetFactory(
        project=project, target_value=22,
        indicator=IndicatorDefinition.objects.get(code="employment-effectiveness"),
    )

    results = by_code(project_indicators(project))

    assert results["participants-total"].target_value == Decimal(12)
    assert results["participants-total"].percent_of_target == 50
    assert results["employment-effectiveness"].percent_of_target == 182  # 40 of 22
    assert results["employed"].target is None
    assert results["employed"].percent_of_target is None


def test_it_keeps_each_projects_facts_apart(project, people, other_project):
    take_part(other_project, "M", 31)

    computed = indicators_by_project([project, other_project])

    assert by_code(computed[project.pk])["participants-total"].achieved == 6
    assert by_code(computed[other_project.pk])["participants-total"].achieved == 1
    assert achieved_by_project([other_project.pk])[other_project.pk]["participants-men"] == 1


def test_progress_of_targets_keeps_its_shape(project, people, other_project):
    ours = IndicatorTargetFactory(project=project, target_value=12)
    theirs = IndicatorTargetFactory(
        project=other_project, target_value=10,
        indicator=IndicatorDefinition.objects.get(code="employed"),
    )
    targets = IndicatorTarget.objects.select_related("indicator", "project").order_by("pk")

    progress = progress_of(targets)

    assert [(p.target, p.achieved, p.percent) for p in progress] == [
        (ours, Decimal(6), 50), (theirs, Decimal(0), 0),
    ]
    assert progress[0].result.women == 3


def queries_for_indicators(project) -> int:
    with CaptureQueriesContext(connection) as captured:
        project_indicators(project)
    return len(captured)


def test_it_runs_the_same_queries_for_few_and_many_people(project, people, course):
    few = queries_for_indicators(project)

    for serial in range(40, 80):
        someone = take_part(project, "K" if serial % 2 else "M", serial)
        employ(someone, date(2025, 5, 1))
        progress(someone, date(2025, 5, 2))
        training_result(someone, course, "qualification")
    many = queries_for_indicators(project)

    assert many == few <= 7  # 4, and the employment rules, wages and employments
    assert by_code(project_indicators(project))["employed"].achieved == 42
