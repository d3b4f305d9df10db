"""Indicator values achieved, computed from recorded facts (never typed as totals).

Every indicator code of ``projects.IndicatorDefinition`` is computed from the participations of
a project, in a fixed number of queries whatever the number of people (one row of facts per
participation, read in ``indicators_facts``, then counted here: the months of the window are
calendar arithmetic that the databases do differently). The values it returns are the
dataclasses of ``indicators_results``.

Who counts:

- ``participants-*``: participations taking part (``ParticipationQuerySet.taking_part``: in the
  project now, or having left it); ``-women``/``-men`` by sex, ``-disabled`` those who answered
  "yes" to disability.
- ``path-completed``: of those, the ones whose exit data say the path was completed as planned.
- ``social-contracts``: of those, the ones with a social contract (kontrakt socjalny, with a
  client of the centre), whatever its outcome (the indicator counts contracts concluded);
  ``modelled-agreements``: the ones with an agreement modelled on it (umowa na wzór), apart.
- ``qualifications``: of those, the ones with a training result whose document is a qualification
  certified by an external body or competences confirmed in four stages (scope, standard,
  assessment, comparison); the project's own completion certificate is neither.
- ``employed`` / ``social-progress``: of those who *finished* (below), the ones with employment
  starting / social progress dated from the start of their participation to ``window_months``
  after its end, both days included (end 15.03, window 3: 15.06 counts, 16.06 does not). The
  window is the programme's effectiveness rule of that kind, 3 months when it has none.
- ``social-effectiveness`` / ``employment-effectiveness``: the same people as a percentage of
  those who finished.

"Finished" means left the project: status completed, resigned or removed, with the end of
participation recorded. People who left early stay in the base: the guidelines measure
effectiveness against everyone who ended participation, and leaving drop-outs out would inflate
the rate. Someone still taking part is counted neither in the base nor among the results yet.

Severe disability: the rule may set a lower threshold for people with a severe disability. The
expected threshold of a project is then the average of the two thresholds weighted by how many of
those who finished are in each group (people with a severe disability and everyone else): a
project of only able-bodied people must reach 22 %, one of only people with a severe disability
12 %, a mix in between. Each group is also reported with its own rate and threshold
(``Effectiveness.groups``), since an auditor may check them separately.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from participants.models import Sex
from projects.models import IndicatorDefinition, IndicatorTarget, Project, percent_of_target
from results.effectiveness import window_months
from results.models import EffectivenessKind, EffectivenessRule

from .indicators_facts import Facts, _facts_by_project
from .indicators_results import (
    Breakdown,
    Effectiveness,
    EffectivenessGroup,
    IndicatorResult,
    _breakdown,
    _percent,
)

# The effectiveness indicators: the kind of rule they follow and the count behind them.
EFFECTIVENESS = {
    "social-effectiveness": (EffectivenessKind.SOCIAL, "social-progress"),
    "employment-effectiveness": (EffectivenessKind.EMPLOYMENT, "employed"),
}
WINDOW_KIND = {"employed": EffectivenessKind.EMPLOYMENT,
               "social-progress": EffectivenessKind.SOCIAL}


# --- The indicators -------------------------------------------------------------------------


@dataclass
class _Context:
    people: list[Facts]
    rules: dict[str, EffectivenessRule]
    targets: dict[str, IndicatorTarget] = field(default_factory=dict)

    def window(self, kind: str) -> int:
        return window_months(self.rules.get(kind))

    def with_result(self, code: str) -> list[Facts]:
        months = self.window(WINDOW_KIND[code])
        attribute = "first_employment" if code == "employed" else "first_progress"
        return [p for p in self.people if p.within(getattr(p, attribute), months)]


PLAIN = {
    "participants-total": lambda p: True,
    "participants-women": lambda p: p.sex == Sex.FEMALE,
    "participants-men": lambda p: p.sex == Sex.MALE,
    "participants-disabled": lambda p: p.disabled,
    "path-completed": lambda p: p.path_completed,
    "social-contracts": lambda p: p.contract,
    "modelled-agreements": lambda p: p.agreement,
    "qualifications": lambda p: p.qualification,
}


def _group(people, with_result, severe: bool, rule) -> EffectivenessGroup | None:
    finished = [p for p in people if p.finished and p.severe == severe]
    threshold = rule.threshold_percent if rule else None
    if severe and rule and rule.threshold_percent_severe_disability is not None:
        threshold = rule.threshold_percent_severe_disability
    return EffectivenessGroup(
        severe_disability=severe, finished=len(finished),
        with_result=sum(p.severe == severe for p in with_result), threshold=threshold,
    )


def _weighted_threshold(groups, rule) -> Decimal | None:
    if rule is None:
        return None
    finished = sum(g.finished for g in groups)
    if not finished:
        return rule.threshold_percent
    weighted = sum(g.threshold * g.finished for g in groups) / finished
    return weighted.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _effectiveness(context: _Context, code: str) -> tuple[Effectiveness, list[Facts]]:
    kind, counted_code = EFFECTIVENESS[code]
    rule = context.rules.get(kind)
    with_result = context.with_result(counted_code)
    groups = tuple(_group(context.people, with_result, severe, rule) for severe in (False, True))
    finished = [p for p in context.people if p.finished]
    return Effectiveness(
        kind=kind, window_months=context.window(kind), rule=rule,
        finished=_breakdown(finished), groups=groups,
        threshold=_weighted_threshold(groups, rule),
        percent=_percent(len(with_result), len(finished)),
    ), with_result


def _result(definition, context: _Context) -> IndicatorResult:
    code, target = definition.code, context.targets.get(definition.code)
    if code in PLAIN:
        people = [p for p in context.people if PLAIN[code](p)]
        return IndicatorResult(definition, target, Decimal(len(people)), _breakdown(people))
    if code in WINDOW_KIND:
        people = context.with_result(code)
        return IndicatorResult(
            definition, target, Decimal(len(people)), _breakdown(people),
            window_months=context.window(WINDOW_KIND[code]),
        )
    if code in EFFECTIVENESS:
        effectiveness, people = _effectiveness(context, code)
        return IndicatorResult(
            definition, target, effectiveness.percent, _breakdown(people),
            window_months=effectiveness.window_months, effectiveness=effectiveness,
        )
    # A code added to the code list without a rule to compute it: shown, but not guessed.
    return IndicatorResult(definition, target, None, Breakdown())


def _rules_by_programme(programme_ids) -> dict[int, dict[str, EffectivenessRule]]:
    rules: dict[int, dict[str, EffectivenessRule]] = defaultdict(dict)
    for rule in EffectivenessRule.objects.filter(programme__in=programme_ids):
        rules[rule.programme_id][rule.kind] = rule
    return rules


def indicators_by_project(
    projects: Iterable[Project], *, definitions=None, targets=None, edition=None, employed=None,
) -> dict[int, list[IndicatorResult]]:
    """Every indicator of each project, keyed by project id (four queries in all).

    ``definitions``, ``targets`` and ``employed`` (``indicators_facts.employed_in`` of the same
    projects and edition) may be passed when the caller already has them. With an
    ``edition``, the figures count its people only, and the project's targets are not
    compared with them (they are set for the whole project).
    """
    projects = list(projects)
    ids = [project.pk for project in projects]
    definitions = list(definitions if definitions is not None
                       else IndicatorDefinition.objects.all())
    if edition is not None:
        targets = []  # the project's targets are not compared with one edition's figures
    elif targets is None:
        targets = IndicatorTarget.objects.filter(project__in=ids).select_related("indicator")
    targets_of: dict[int, dict[str, IndicatorTarget]] = defaultdict(dict)
    for target in targets:
        targets_of[target.project_id][target.indicator.code] = target
    facts = _facts_by_project(ids, edition, employed)
    rules = _rules_by_programme({project.programme_id for project in projects})
    result = {}
    for project in projects:
        context = _Context(
            people=facts.get(project.pk, []), rules=rules.get(project.programme_id, {}),
            targets=targets_of.get(project.pk, {}),
        )
        result[project.pk] = [_result(definition, context) for definition in definitions]
    return result


def project_indicators(project: Project, edition=None, employed=None) -> list[IndicatorResult]:
    """Every indicator of the code list for one project (or one of its editions), in the code
    list's order."""
    return indicators_by_project([project], edition=edition, employed=employed)[project.pk]


def achieved_by_project(project_ids) -> dict[int, dict[str, Decimal | None]]:
    """Achieved values by indicator code, for many projects."""
    projects = Project.objects.filter(pk__in=list(project_ids))
    return {
        project_id: {result.code: result.achieved for result in results}
        for project_id, results in indicators_by_project(projects).items()
    }


# --- Targets with their progress (the director's start page) ---------------------------------


@dataclass(frozen=True)
class IndicatorProgress:
    target: object  # projects.IndicatorTarget
    achieved: Decimal | None
    result: IndicatorResult | None = None

    @property
    def percent(self) -> int | None:
        return percent_of_target(self.achieved, self.target.target_value)


def progress_of(targets) -> list[IndicatorProgress]:
    """Each target with the value achieved (targets with ``indicator`` and ``project`` loaded)."""
    targets = list(targets)
    projects = {target.project_id: target.project for target in targets}
    definitions = {target.indicator_id: target.indicator for target in targets}
    computed = indicators_by_project(
        projects.values(), definitions=definitions.values(), targets=targets
    )
    by_target = {
        (project_id, result.code): result
        for project_id, results in computed.items()
        for result in results
    }
    progress = []
    for target in targets:
        result = by_target.get((target.project_id, target.indicator.code))
        progress.append(IndicatorProgress(
            target=target, achieved=result.achieved if result else None, result=result,
        ))
    return progress
